/*
 * This library through its C ABI, as a C host uses it: each line goes to an emitter
 * (parse, validate, dispatch) whose one listener reads the checksum's fields. With the
 * argument "json" the listener takes JSON-text delivery instead and only sums lengths, so
 * its checksum differs from the anchors' (run.py does not compare it).
 *
 *   swe_c_abi views|json <corpus.ndjson> [repeats]
 */
#include "../anchors/common/bench_common.h"
#include "spaces_widget_events.h"

/* Length of a member of data that this benchmark reads without a view (rarer kinds). */
static size_t data_string_len(const swe_event *event, const char *key) {
  char *json = NULL;
  size_t len = 0;
  if (swe_event_data_json(event, key, strlen(key), &json, &len, NULL) != SWE_OK) {
    return 0;
  }
  swe_string_free(json);
  return len >= 2 ? len - 2 : 0; /* the quotes; the samples' strings need no escapes */
}

static int32_t on_event(void *user_data, const swe_event *event) {
  uint64_t *sum = user_data;
  swe_envelope_view env;
  swe_event_envelope(event, &env, NULL);
  *sum += env.actor_id.len;
  switch (env.kind) {
  case SWE_KIND_MESSAGES_CREATED: {
    swe_message_view m;
    swe_event_message(event, &m, NULL);
    *sum += KIND_MESSAGES_CREATED + m.id.len + m.room_id.len + m.text.len + m.created.text.len;
    break;
  }
  case SWE_KIND_ROOMS_UNREAD:
  case SWE_KIND_ROOMS_READ:
  case SWE_KIND_ROOMS_SELECTED: {
    swe_room_view r;
    swe_event_room(event, &r, NULL);
    *sum += (env.kind == SWE_KIND_ROOMS_UNREAD ? KIND_ROOMS_UNREAD
             : env.kind == SWE_KIND_ROOMS_READ ? KIND_ROOMS_READ
                                               : KIND_ROOMS_SELECTED) +
            r.id.len + r.title.len + r.last_activity.text.len;
    break;
  }
  case SWE_KIND_CALLS_CREATED:
  case SWE_KIND_CALLS_CONNECTED:
  case SWE_KIND_CALLS_DISCONNECTED: {
    swe_call_view c;
    swe_event_call(event, &c, NULL);
    *sum += (env.kind == SWE_KIND_CALLS_CREATED     ? KIND_CALLS_CREATED
             : env.kind == SWE_KIND_CALLS_CONNECTED ? KIND_CALLS_CONNECTED
                                                    : KIND_CALLS_DISCONNECTED) +
            c.room_id.len + c.call_state.len;
    break;
  }
  case SWE_KIND_MEMBERSHIPS_CREATED:
    *sum += KIND_MEMBERSHIPS_CREATED + data_string_len(event, "id") +
            data_string_len(event, "roomId") + data_string_len(event, "created");
    break;
  case SWE_KIND_MENTION_CLICKED:
    *sum += KIND_MENTION_CLICKED + data_string_len(event, "id");
    break;
  case SWE_KIND_ACTIVITY_CHANGED:
    *sum += KIND_ACTIVITY_CHANGED + data_string_len(event, "name");
    break;
  default:
    break;
  }
  return 0;
}

static int32_t on_json(void *user_data, swe_str name, swe_str json) {
  uint64_t *sum = user_data;
  *sum += name.len + json.len;
  return 0;
}

int main(int argc, char **argv) {
  int json_mode = argc > 1 && strcmp(argv[1], "json") == 0;
  int repeats = bench_repeats_arg(argc - 1, argv + 1, "views|json <corpus.ndjson> [repeats]");
  struct bench_corpus corpus;
  bench_corpus_load(&corpus, argv[2]);

  swe_emitter *emitter = NULL;
  uint64_t sum = 0, id = 0;
  swe_emitter_new(&emitter, NULL);
  if (json_mode) {
    swe_emitter_on_json(emitter, "*", 1, on_json, &sum, NULL, &id, NULL);
  } else {
    swe_emitter_on_event(emitter, "*", 1, on_event, &sum, NULL, &id, NULL);
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
