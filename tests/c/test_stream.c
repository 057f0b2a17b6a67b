/*
 * Streams of newline-delimited events fed in chunks: lines split anywhere (even inside a UTF-8
 * sequence), CRLF and blank lines, bad lines reported with their place in the stream, the
 * error callback stopping a feed, lines past the input limit, and the counts kept.
 */
#include "check.h"

#define EVENT(resource, event) "{\"resource\":\"" resource "\",\"event\":\"" event "\",\"data\":{}}"

/* What the listener and the error callback saw. */
typedef struct {
  char names[256]; /* the names of the events, each followed by a space */
  char last_json[256];
  int errors;
  swe_status first_error;
  size_t first_offset, first_line, first_column;
  char first_path[32];
  char first_message[128];
  int32_t refuse_errors; /* what the error callback returns */
} seen;

static int32_t see_json(void *user_data, swe_str name, swe_str json) {
  seen *s = user_data;
  size_t used = strlen(s->names);
  snprintf(s->names + used, sizeof s->names - used, "%.*s ", (int)name.len, name.ptr);
  snprintf(s->last_json, sizeof s->last_json, "%.*s", (int)json.len, json.ptr);
  return 0;
}

static int32_t see_error(void *user_data, const swe_error *error) {
  seen *s = user_data;
  if (s->errors++ == 0) {
    s->first_error = swe_error_code(error);
    s->first_offset = swe_error_offset(error);
    s->first_line = swe_error_line(error);
    s->first_column = swe_error_column(error);
    swe_str path = swe_error_path(error);
    swe_str message = swe_error_message(error);
    snprintf(s->first_path, sizeof s->first_path, "%.*s", (int)path.len, path.ptr);
    snprintf(s->first_message, sizeof s->first_message, "%.*s", (int)message.len, message.ptr);
  }
  return s->refuse_errors;
}

/* A stream, an emitter whose "*" JSON listener fills `s`, and both freed by `close_reader`. */
typedef struct {
  swe_stream *stream;
  swe_emitter *emitter;
} reader;

static reader open_reader(const swe_parse_options *options, seen *s) {
  reader r = {NULL, NULL};
  CHECK_STATUS(SWE_OK, swe_stream_new(options, &r.stream, NULL));
  CHECK_STATUS(SWE_OK, swe_emitter_new(&r.emitter, NULL));
  uint64_t id;
  CHECK_STATUS(SWE_OK, swe_emitter_on_json(r.emitter, "*", 1, see_json, s, NULL, &id, NULL));
  return r;
}

static void close_reader(reader r) {
  swe_stream_free(r.stream);
  swe_emitter_free(r.emitter);
}

static swe_status feed(reader r, const char *bytes, size_t len, seen *s) {
  return swe_stream_feed(r.stream, bytes, len, r.emitter, see_error, s, NULL);
}

static void check_stats(reader r, size_t events, size_t errors, size_t next_line, size_t buffered) {
  swe_stream_stats stats;
  if (CHECK_STATUS(SWE_OK, swe_stream_get_stats(r.stream, &stats, NULL))) {
    CHECK_SIZE(events, stats.events);
    CHECK_SIZE(errors, stats.errors);
    CHECK_SIZE(next_line, stats.next_line);
    CHECK_SIZE(buffered, stats.buffered);
  }
}

/* Five lines: four events and, third at byte 98, a line cut short after 20 bytes. */
static const char FIVE_LINES[] = "{\"resource\":\"messages\",\"event\":\"created\",\"data\":{}}\n"
                                 "{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{}}\n"
                                 "{\"resource\":\"rooms\",\n"
                                 "{\"resource\":\"calls\",\"event\":\"created\",\"data\":{}}\n"
                                 "{\"resource\":\"x\",\"event\":\"y\",\"data\":{}}\n";

/* What reading FIVE_LINES gives, however it was cut. */
static void check_five_lines_read(reader r, const seen *s) {
  CHECK_CSTR("messages:created rooms:read calls:created x:y ", s->names);
  CHECK_INT(1, s->errors);
  CHECK_STATUS(SWE_ERROR_TRUNCATED, s->first_error);
  CHECK_SIZE(118, s->first_offset); /* counted from the start of the stream */
  CHECK_SIZE(3, s->first_line);
  CHECK_SIZE(21, s->first_column);
  CHECK_CSTR("", s->first_path);
  check_stats(r, 4, 1, 6, 0);
}

static void test_lines_cut_at_every_point_give_the_same_events(void) {
  const size_t len = sizeof FIVE_LINES - 1;
  for (size_t cut = 0; cut <= len; cut++) {
    seen s = {.refuse_errors = 0};
    reader r = open_reader(NULL, &s);
    CHECK_STATUS(SWE_OK, feed(r, FIVE_LINES, cut, &s));
    CHECK_STATUS(SWE_OK, feed(r, FIVE_LINES + cut, len - cut, &s));
    check_five_lines_read(r, &s);
    close_reader(r);
    if (check_state.failed_checks > 0) {
      printf("    (cut at byte %zu)\n", cut);
      return;
    }
  }
}

static void test_lines_fed_byte_by_byte_give_the_same_events(void) {
  seen s = {.refuse_errors = 0};
  reader r = open_reader(NULL, &s);
  for (size_t at = 0; at < sizeof FIVE_LINES - 1; at++) {
    CHECK_STATUS(SWE_OK, feed(r, FIVE_LINES + at, 1, &s));
  }
  check_five_lines_read(r, &s);
  close_reader(r);
}

static void test_utf8_split_between_chunks_crlf_and_blank_lines(void) {
  static const char first[] = "\r\n\n{\"resource\":\"x\",\"event\":\"y\",\"data\":{\"t\":\"caf\xC3";
  static const char second[] = "\xA9\"}}\r\n  \n{\"resource\":\"bad\"\n" EVENT("x", "z");
  seen s = {.refuse_errors = 0};
  reader r = open_reader(NULL, &s);
  CHECK_STATUS(SWE_OK, feed(r, first, sizeof first - 1, &s));
  check_stats(r, 0, 0, 3, 45);
  CHECK_STATUS(SWE_OK, feed(r, second, sizeof second - 1, &s));
  CHECK_CSTR("x:y ", s.names);
  CHECK_CSTR("{\"resource\":\"x\",\"event\":\"y\",\"data\":{\"t\":\"caf\xC3\xA9\"}}", s.last_json);
  CHECK_STATUS(SWE_ERROR_TRUNCATED, s.first_error);
  CHECK_SIZE(74, s.first_offset);
  CHECK_SIZE(5, s.first_line);
  CHECK_SIZE(18, s.first_column);
  CHECK_CSTR("resource", s.first_path);
  check_stats(r, 1, 1, 6, 38);
  /* The last line has no newline: finish reads it; finishing again reads nothing. */
  CHECK_STATUS(SWE_OK, swe_stream_finish(r.stream, r.emitter, see_error, &s, NULL));
  CHECK_CSTR("x:y x:z ", s.names);
  check_stats(r, 2, 1, 7, 0);
  CHECK_STATUS(SWE_OK, swe_stream_finish(r.stream, r.emitter, see_error, &s, NULL));
  check_stats(r, 2, 1, 7, 0);
  close_reader(r);
}

static void test_error_callback_refusing_stops_the_feed_and_keeps_the_rest(void) {
  static const char text[] = "{\"resource\":\"bad\"\n" EVENT("x", "y") "\n";
  seen s = {.refuse_errors = 5};
  reader r = open_reader(NULL, &s);
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_LISTENER,
               swe_stream_feed(r.stream, text, sizeof text - 1, r.emitter, see_error, &s, &error));
  CHECK_INT(5, swe_error_listener_status(error));
  CHECK_STR("the error callback returned 5", swe_error_message(error));
  swe_error_free(error);
  CHECK_CSTR("", s.names);
  check_stats(r, 0, 1, 2, 39);
  /* The kept line is read first by the next call, even an empty one. */
  CHECK_STATUS(SWE_OK, swe_stream_feed(r.stream, NULL, 0, r.emitter, NULL, NULL, NULL));
  CHECK_CSTR("x:y ", s.names);
  check_stats(r, 1, 1, 3, 0);
  close_reader(r);
}

static int32_t refuse(void *user_data, swe_str name, swe_str json) {
  (void)user_data;
  (void)name;
  (void)json;
  return 9;
}

static void test_listener_refusal_goes_to_the_error_callback_and_the_stream_goes_on(void) {
  static const char text[] = EVENT("y", "z") "\n" EVENT("x", "y") "\n";
  seen s = {.refuse_errors = 0};
  reader r = open_reader(NULL, &s);
  uint64_t id;
  CHECK_STATUS(SWE_OK, swe_emitter_on_json(r.emitter, "y:*", 3, refuse, NULL, NULL, &id, NULL));
  CHECK_STATUS(SWE_OK, feed(r, text, sizeof text - 1, &s));
  CHECK_CSTR("y:z x:y ", s.names);
  CHECK_INT(1, s.errors);
  CHECK_STATUS(SWE_ERROR_LISTENER, s.first_error);
  check_stats(r, 1, 1, 3, 0);
  close_reader(r);
}

static void test_a_refusal_is_placed_at_the_line_of_the_refused_event(void) {
  static const char text[] = EVENT("x", "y") "\n\n" EVENT("y", "z") "\n";
  seen s = {.refuse_errors = 0};
  reader r = open_reader(NULL, &s);
  uint64_t id;
  CHECK_STATUS(SWE_OK, swe_emitter_on_json(r.emitter, "y:*", 3, refuse, NULL, NULL, &id, NULL));
  CHECK_STATUS(SWE_OK, feed(r, text, sizeof text - 1, &s));
  CHECK_STATUS(SWE_ERROR_LISTENER, s.first_error);
  CHECK_SIZE(3, s.first_line);
  CHECK_SIZE(1, s.first_column);
  CHECK_SIZE(sizeof EVENT("x", "y") + 1, s.first_offset);
  close_reader(r);
}

static void test_line_past_the_input_limit_is_reported_once_and_not_kept(void) {
  swe_parse_options *options = NULL;
  CHECK_STATUS(SWE_OK, swe_parse_options_new(&options, NULL));
  CHECK_STATUS(SWE_OK, swe_parse_options_set_limit(options, SWE_LIMIT_MAX_INPUT_BYTES, 64, NULL));
  seen s = {.refuse_errors = 0};
  reader r = open_reader(options, &s);
  swe_parse_options_free(options); /* the stream keeps its own copy */
  char long_line[100];
  memset(long_line, ' ', sizeof long_line);
  CHECK_STATUS(SWE_OK, feed(r, long_line, 80, &s));
  check_stats(r, 0, 1, 1, 0);
  CHECK_STATUS(SWE_OK, feed(r, long_line, 20, &s));
  CHECK_STATUS(SWE_OK, feed(r, "\n" EVENT("x", "y") "\n", 40, &s));
  CHECK_INT(1, s.errors);
  CHECK_STATUS(SWE_ERROR_INPUT_TOO_LARGE, s.first_error);
  CHECK_SIZE(1, s.first_line);
  CHECK_CSTR("input longer than the limit of 64 bytes", s.first_message);
  CHECK_CSTR("x:y ", s.names);
  check_stats(r, 1, 1, 3, 0);
  close_reader(r);
}

static void test_a_gigabyte_line_without_end_is_reported_once_and_never_buffered(void) {
  seen s = {.refuse_errors = 0};
  reader r = open_reader(NULL, &s);
  const size_t chunk = 1u << 20;
  char *bytes = malloc(chunk);
  memset(bytes, 'x', chunk);
  for (int i = 0; i < 1024; i++) { /* 1 GiB, default limits */
    CHECK_STATUS(SWE_OK, feed(r, bytes, chunk, &s));
  }
  free(bytes);
  check_stats(r, 0, 1, 1, 0);
  CHECK_STATUS(SWE_OK, feed(r, "\n" EVENT("x", "y") "\n", 40, &s));
  CHECK_INT(1, s.errors);
  CHECK_STATUS(SWE_ERROR_INPUT_TOO_LARGE, s.first_error);
  CHECK_CSTR("x:y ", s.names);
  close_reader(r);
}

static void test_stream_functions_reject_null_arguments(void) {
  seen s = {.refuse_errors = 0};
  reader r = open_reader(NULL, &s);
  swe_stream *stream = SENTINEL;
  swe_stream_stats stats;
  fill(&stats, sizeof stats);
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_stream_new(NULL, NULL, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_stream_feed(NULL, "{", 1, r.emitter, see_error, &s, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_stream_feed(r.stream, NULL, 1, r.emitter, see_error, &s, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_stream_feed(r.stream, "{", 1, NULL, see_error, &s, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_stream_finish(NULL, r.emitter, see_error, &s, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_stream_finish(r.stream, NULL, see_error, &s, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_stream_get_stats(NULL, &stats, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_stream_get_stats(r.stream, NULL, NULL));
  CHECK_PTR(SENTINEL, stream);
  CHECK(is_filled(&stats, sizeof stats));
  check_stats(r, 0, 0, 1, 0); /* nothing was read */
  close_reader(r);
}

int main(void) {
  RUN(test_lines_cut_at_every_point_give_the_same_events);
  RUN(test_lines_fed_byte_by_byte_give_the_same_events);
  RUN(test_utf8_split_between_chunks_crlf_and_blank_lines);
  RUN(test_error_callback_refusing_stops_the_feed_and_keeps_the_rest);
  RUN(test_listener_refusal_goes_to_the_error_callback_and_the_stream_goes_on);
  RUN(test_a_refusal_is_placed_at_the_line_of_the_refused_event);
  RUN(test_line_past_the_input_limit_is_reported_once_and_not_kept);
  RUN(test_a_gigabyte_line_without_end_is_reported_once_and_never_buffered);
  RUN(test_stream_functions_reject_null_arguments);
  return check_summary();
}
