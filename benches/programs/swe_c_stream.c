/*
 * This library through its C ABI as a streaming host uses it: the corpus is never held in
 * memory. Each repeat opens the file, reads it in 64 KiB chunks and feeds each one to
 * swe_stream_feed (lines split anywhere across chunks), which emits every complete line to
 * an emitter whose one listener reads the checksum's fields through the struct views
 * (swe_listener.h, shared with swe_c_abi.c); swe_stream_finish ends the repeat. So the
 * program's peak RSS is the stream's own memory plus a 64 KiB buffer, whatever the file's
 * size, and each repeat's time includes reading the file (from the page cache, once warm).
 *
 *   swe_c_stream <corpus.ndjson> [repeats]
 *
 * Same result line as the other programs (bench_common.h); events and errors come from
 * swe_stream_get_stats. Callgrind counts the read-and-feed loop (CALLGRIND_START/STOP).
 */
#include <fcntl.h>
#include <unistd.h>

/* The corpus loader and the JSON listener are not used here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "../anchors/common/bench_common.h"
#include "spaces_widget_events.h"
#include "swe_listener.h"
#pragma GCC diagnostic pop

#define CHUNK_BYTES (64 * 1024)

static char chunk[CHUNK_BYTES];

static void check(swe_status status, swe_error *error, const char *what) {
  if (status == SWE_OK) {
    return;
  }
  swe_str message = error ? swe_error_message(error) : (swe_str){NULL, 0};
  fprintf(stderr, "error: %s: %s: %.*s\n", what, swe_status_str(status), (int)message.len,
          message.ptr ? message.ptr : "");
  exit(2);
}

/* One pass over the file: every chunk fed, then the end. Returns the stream's counts. */
static swe_stream_stats stream_file(const char *path, const swe_emitter *emitter) {
  swe_stream *stream = NULL;
  swe_error *error = NULL;
  check(swe_stream_new(NULL, &stream, &error), error, "swe_stream_new");
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    bench_die(path, strerror(errno));
  }
  for (;;) {
    ssize_t got = read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      bench_die(path, strerror(errno));
    }
    if (got == 0) {
      break;
    }
    check(swe_stream_feed(stream, chunk, (size_t)got, emitter, NULL, NULL, &error), error,
          "swe_stream_feed");
  }
  close(fd);
  check(swe_stream_finish(stream, emitter, NULL, NULL, &error), error, "swe_stream_finish");
  swe_stream_stats stats;
  check(swe_stream_get_stats(stream, &stats, &error), error, "swe_stream_get_stats");
  swe_stream_free(stream);
  return stats;
}

int main(int argc, char **argv) {
  int repeats = bench_repeats_arg(argc, argv, "<corpus.ndjson> [repeats]");
  const char *path = argv[1];

  swe_emitter *emitter = NULL;
  swe_error *error = NULL;
  uint64_t sum = 0, id = 0;
  check(swe_emitter_new(&emitter, &error), error, "swe_emitter_new");
  check(swe_emitter_on_event(emitter, "*", 1, swe_bench_on_event, &sum, NULL, &id, &error), error,
        "swe_emitter_on_event");

  uint64_t *durations = (uint64_t *)calloc((size_t)repeats, sizeof *durations);
  uint64_t checksum = 0, errors = 0;
  size_t events = 0;
  for (int r = 0; r < repeats; r++) {
    sum = 0;
    uint64_t start = bench_now_ns();
    CALLGRIND_START_INSTRUMENTATION;
    swe_stream_stats stats = stream_file(path, emitter);
    CALLGRIND_STOP_INSTRUMENTATION;
    durations[r] = bench_now_ns() - start;
    checksum = sum;
    errors = stats.errors;
    /* Lines that failed are events too, as in the in-memory programs' counts. */
    events = stats.events + stats.errors;
  }

  bench_report(events, durations, repeats, checksum, errors, "");
  free(durations);
  swe_emitter_free(emitter);
  return 0;
}
