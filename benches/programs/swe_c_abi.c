/*
 * This library through its C ABI, as a C host uses it: each line goes to an emitter
 * (parse, validate, dispatch) whose one listener reads the checksum's fields through the
 * struct views (swe_listener.h). With the argument "json" the listener takes JSON-text
 * delivery instead and only sums lengths, so its checksum differs from the anchors' (run.py
 * does not compare it).
 *
 *   swe_c_abi views|json <corpus.ndjson> [repeats]
 */
#include "../anchors/common/bench_common.h"
#include "spaces_widget_events.h"
#include "swe_listener.h"

int main(int argc, char **argv) {
  int json_mode = argc > 1 && strcmp(argv[1], "json") == 0;
  int repeats = bench_repeats_arg(argc - 1, argv + 1, "views|json <corpus.ndjson> [repeats]");
  struct bench_corpus corpus;
  bench_corpus_load(&corpus, argv[2]);

  swe_emitter *emitter = NULL;
  uint64_t sum = 0, id = 0;
  swe_emitter_new(&emitter, NULL);
  if (json_mode) {
    swe_emitter_on_json(emitter, "*", 1, swe_bench_on_json, &sum, NULL, &id, NULL);
  } else {
    swe_emitter_on_event(emitter, "*", 1, swe_bench_on_event, &sum, NULL, &id, NULL);
  }

  uint64_t *durations = (uint64_t *)calloc((size_t)repeats, sizeof *durations);
  uint64_t checksum = 0, errors = 0;
  for (int r = 0; r < repeats; r++) {
    uint64_t errs = 0;
    sum = 0;
    uint64_t start = bench_now_ns();
    CALLGRIND_START_INSTRUMENTATION;
    for (size_t i = 0; i < corpus.count; i++) {
      if (swe_emitter_emit_json(emitter, NULL, corpus.lines[i].ptr, corpus.lines[i].len, NULL,
                                NULL) != SWE_OK) {
        errs++;
      }
    }
    CALLGRIND_STOP_INSTRUMENTATION;
    durations[r] = bench_now_ns() - start;
    checksum = sum;
    errors = errs;
  }

  bench_report(corpus.count, durations, repeats, checksum, errors, "");
  free(durations);
  swe_emitter_free(emitter);
  bench_corpus_free(&corpus);
  return 0;
}
