/*
 * Batches: every line a feed completes parsed in one call into flat records, the same events
 * and errors a stream delivers, strings in the arena, lists in aux, the borrowed events, and
 * the NULL checks.
 */
#include "check.h"

/* The string at words `w[0], w[1]` of a batch, or NULL when absent. */
static swe_str batch_str(const swe_batch_view *v, const uint32_t *w) {
  swe_str s = {NULL, 0};
  if (w[0] != SWE_BATCH_ABSENT) {
    s.ptr = v->bytes + w[0];
    s.len = w[1];
  }
  return s;
}

static uint64_t batch_u64(const uint32_t *w) { return (uint64_t)w[0] | ((uint64_t)w[1] << 32); }

static const uint32_t *record(const swe_batch_view *v, size_t i) {
  return v->records + i * SWE_BATCH_RECORD_WORDS;
}

#define MESSAGE_LINE                                                                               \
  "{\"resource\":\"messages\",\"event\":\"created\",\"actorId\":\"" PERSON_A "\",\"data\":{"       \
  "\"id\":\"" MESSAGE "\",\"roomId\":\"" ROOM "\",\"roomType\":\"group\",\"text\":\"h\\u00e9\","   \
  "\"personId\":\"" PERSON_A "\",\"created\":\"2016-04-21T19:12:48.920Z\","                       \
  "\"files\":[\"https://x/1\",{\"url\":\"https://x/2\",\"fileSize\":12}],"                         \
  "\"mentionedPeople\":[{\"id\":\"" PERSON_B "\"},{}],\"actorId\":\"" PERSON_A "\"}}"

static void test_lines_become_records(void) {
  static const char input[] = MESSAGE_LINE "\r\n"
                                           "\n"
                                           "not json\n"
                                           "{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{"
                                           "\"id\":\"" ROOM "\",\"type\":\"direct\","
                                           "\"lastActivity\":\"2016-04-21T19:12:48.920Z\"}}\n" MESSAGE_LINE;
  swe_batch_reader *reader = NULL;
  CHECK_STATUS(SWE_OK, swe_batch_reader_new(NULL, &reader, NULL));
  swe_batch *batch = NULL;
  /* Split inside the last line: the first feed sees three lines and an unfinished one. */
  if (!CHECK_STATUS(SWE_OK, swe_batch_reader_feed(reader, input, sizeof input - 10, &batch, NULL)))
    return;
  swe_batch_view v;
  CHECK_STATUS(SWE_OK, swe_batch_get_view(batch, &v, NULL));
  CHECK_SIZE(3, v.record_count);
  CHECK_SIZE(2, v.event_count);
  CHECK_SIZE(1, v.error_count);
  CHECK(!v.more);

  const uint32_t *m = record(&v, 0);
  CHECK_INT(0, m[0]);
  CHECK_INT(SWE_KIND_MESSAGES_CREATED, m[1]);
  CHECK_INT(SWE_BATCH_TYPED, m[3]);
  CHECK_STR(PERSON_A, batch_str(&v, m + 4));
  CHECK_ABSENT(batch_str(&v, m + 6));
  CHECK_INT(1, batch_u64(m + 10));
  CHECK_INT(0, batch_u64(m + 12));
  const uint32_t *env = v.aux + m[2];
  CHECK_INT(SWE_KIND_MESSAGES_CREATED, env[0]);
  CHECK_STR("messages:created", batch_str(&v, env + 1));
  CHECK_STR("messages:created", batch_str(&v, env + 3));
  CHECK_STR("messages", batch_str(&v, env + 5));
  CHECK_STR("created", batch_str(&v, env + 7));
  /* swe_message_view flattened: id, roomId, roomType, its text, text, ... */
  const uint32_t *d = m + 16;
  CHECK_STR(MESSAGE, batch_str(&v, d));
  CHECK_STR(ROOM, batch_str(&v, d + 2));
  CHECK_INT(SWE_ROOM_TYPE_GROUP, d[4]);
  CHECK_STR("group", batch_str(&v, d + 5));
  CHECK_STR("h\xc3\xa9", batch_str(&v, d + 7));
  CHECK_CSTR("h\xc3\xa9", batch_str(&v, d + 7).ptr); /* NUL-terminated */
  CHECK_ABSENT(batch_str(&v, d + 9));
  CHECK_STR("2016-04-21T19:12:48.920Z", batch_str(&v, d + 15));
  CHECK_INT(1461265968920, (int64_t)batch_u64(d + 17));
  CHECK_INT(1, d[19]);
  /* files: at 28 (after to_person_id, to_person_email, actor_id, actor_name) */
  CHECK_INT(2, d[29]);
  const uint32_t *file = v.aux + d[28];
  CHECK_INT(SWE_FILE_URL, file[0]);
  CHECK_STR("https://x/1", batch_str(&v, file + 1));
  CHECK_INT(-1, (int64_t)batch_u64(file + 9));
  CHECK_INT(SWE_FILE_OBJECT, file[11]);
  CHECK_INT(12, (int64_t)batch_u64(file + 20));
  CHECK_INT(SWE_MENTIONS_LIST, d[32]);
  CHECK_INT(2, d[34]);
  CHECK_STR(PERSON_B, batch_str(&v, v.aux + d[33]));
  CHECK_ABSENT(batch_str(&v, v.aux + d[33] + 2));

  const uint32_t *bad = record(&v, 1);
  CHECK_INT(SWE_ERROR_SYNTAX, (int32_t)bad[0]);
  CHECK_INT(3, batch_u64(bad + 10));
  CHECK_INT(strstr(input, "not json") - input, batch_u64(bad + 12));
  CHECK_INT(1, batch_u64(bad + 8));
  CHECK_STR("", batch_str(&v, bad + 6));

  const uint32_t *room = record(&v, 2);
  CHECK_INT(SWE_KIND_ROOMS_READ, room[1]);
  CHECK_INT(4, batch_u64(room + 10));
  CHECK_INT(SWE_ROOM_TYPE_DIRECT, room[16 + 4]);
  /* Room data carries a warning: lastActivity is there, but no title? At least the list holds. */
  CHECK(room[8] + room[9] * 7 <= v.aux_len);

  /* Each event's record holds its line, which swe_batch_event parses again, owned. */
  swe_str line = batch_str(&v, room + 14);
  CHECK_CSTR("{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{\"id\":\"" ROOM
             "\",\"type\":\"direct\",\"lastActivity\":\"2016-04-21T19:12:48.920Z\"}}",
             line.ptr);
  /* The first line's \r\n is not part of its text. */
  CHECK_INT(strlen(MESSAGE_LINE), batch_str(&v, m + 14).len);
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, swe_batch_event(batch, 2, &event, NULL));
  swe_str name = swe_event_name(event);
  CHECK_STR("rooms:read", name);
  swe_event_free(event);
  event = NULL;
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_NOT_FOUND, swe_batch_event(batch, 1, &event, &error));
  swe_error_free(error);
  CHECK_STATUS(SWE_ERROR_OUT_OF_RANGE, swe_batch_event(batch, 3, &event, NULL));
  swe_batch_free(batch);

  /* The rest of the last line, then the end without a newline. */
  CHECK_STATUS(SWE_OK, swe_batch_reader_feed(reader, input + sizeof input - 10, 9, &batch, NULL));
  CHECK_STATUS(SWE_OK, swe_batch_get_view(batch, &v, NULL));
  CHECK_SIZE(0, v.record_count);
  swe_batch_free(batch);
  CHECK_STATUS(SWE_OK, swe_batch_reader_finish(reader, &batch, NULL));
  CHECK_STATUS(SWE_OK, swe_batch_get_view(batch, &v, NULL));
  if (CHECK_SIZE(1, v.record_count)) {
    CHECK_INT(5, batch_u64(record(&v, 0) + 10));
    /* The same envelope within a batch shares its entry. */
    CHECK_INT(SWE_KIND_MESSAGES_CREATED, v.aux[record(&v, 0)[2]]);
  }
  swe_batch_free(batch);
  swe_batch_reader_free(reader);
}

static void test_unknown_events_have_no_typed_data_and_wrappers_keep_their_name(void) {
  static const char input[] = "{\"resource\":\"widget\",\"event\":\"resized\",\"data\":{\"w\":1}}\n"
                              "{\"resource\":\"rooms\",\"event\":\"read\",\"data\":null}\n"
                              "{\"name\":\"calls:memberships:connected\",\"detail\":{"
                              "\"resource\":\"calls\",\"event\":\"memberships\",\"data\":{}}}\n";
  swe_batch_reader *reader = NULL;
  swe_batch *batch = NULL;
  CHECK_STATUS(SWE_OK, swe_batch_reader_new(NULL, &reader, NULL));
  CHECK_STATUS(SWE_OK, swe_batch_reader_feed(reader, input, sizeof input - 1, &batch, NULL));
  swe_batch_view v;
  CHECK_STATUS(SWE_OK, swe_batch_get_view(batch, &v, NULL));
  CHECK_SIZE(1, v.error_count);
  if (CHECK_SIZE(2, v.event_count)) {
    CHECK_INT(SWE_KIND_UNKNOWN, record(&v, 0)[1]);
    CHECK_INT(0, record(&v, 0)[3]);
    CHECK_STR("widget:resized", batch_str(&v, v.aux + record(&v, 0)[2] + 3));
    /* A known kind without data is refused, as swe_event_parse refuses it. */
    CHECK_INT(SWE_ERROR_MISSING_FIELD, (int32_t)record(&v, 1)[0]);
    const uint32_t *env = v.aux + record(&v, 2)[2];
    CHECK_INT(SWE_BATCH_WRAPPED | SWE_BATCH_TYPED, record(&v, 2)[3]);
    CHECK_STR("calls:memberships:connected", batch_str(&v, env + 1));
    CHECK_STR("memberships", batch_str(&v, env + 7));
  }
  swe_batch_free(batch);
  swe_batch_reader_free(reader);
}

static void test_over_long_lines_and_bad_utf8_are_error_records(void) {
  swe_parse_options *options = NULL;
  CHECK_STATUS(SWE_OK, swe_parse_options_new(&options, NULL));
  CHECK_STATUS(SWE_OK, swe_parse_options_set_limit(options, SWE_LIMIT_MAX_INPUT_BYTES, 64, NULL));
  swe_batch_reader *reader = NULL;
  CHECK_STATUS(SWE_OK, swe_batch_reader_new(options, &reader, NULL));
  swe_parse_options_free(options); /* the reader keeps its own copy */
  char line[200];
  memset(line, ' ', sizeof line);
  line[sizeof line - 1] = '\n';
  swe_batch *batch = NULL;
  swe_batch_view v;
  for (int i = 0; i < 3; i++) {
    CHECK_STATUS(SWE_OK, swe_batch_reader_feed(reader, line, 100, &batch, NULL));
    swe_batch_free(batch);
  }
  CHECK_STATUS(SWE_OK, swe_batch_reader_feed(reader, "\n\xff\n", 3, &batch, NULL));
  CHECK_STATUS(SWE_OK, swe_batch_get_view(batch, &v, NULL));
  if (CHECK_SIZE(1, v.record_count)) { /* the long line was reported by the first feed */
    CHECK_INT(SWE_ERROR_INVALID_UTF8, (int32_t)record(&v, 0)[0]);
    CHECK_INT(2, batch_u64(record(&v, 0) + 10));
    CHECK_INT(301, batch_u64(record(&v, 0) + 12));
  }
  swe_batch_free(batch);
  swe_batch_reader_free(reader);
}

/* Each event's envelope entry holds its own name, resource and event, whatever the names
 * hold: a NUL inside one, or a known name whose parts are split elsewhere than at its `:`. */
static void test_envelope_entries_keep_each_events_names(void) {
  static const char input[] =
      "{\"name\":\"messages:created\",\"detail\":{\"resource\":\"m\",\"event\":\"ssages:created\","
      "\"data\":{\"text\":\"x\"}}}\n"
      "{\"resource\":\"messages\",\"event\":\"created\",\"data\":{\"text\":\"y\"}}\n"
      "{\"name\":\"a\\u0000b\",\"detail\":{\"resource\":\"c\",\"event\":\"d\",\"data\":1}}\n"
      "{\"name\":\"a\",\"detail\":{\"resource\":\"b\\u0000c\",\"event\":\"d\",\"data\":1}}\n";
  static const struct {
    const char *name;
    size_t name_len;
    const char *resource;
    size_t resource_len;
    const char *event;
  } expected[] = {
      {"messages:created", 16, "m", 1, "ssages:created"},
      {"messages:created", 16, "messages", 8, "created"},
      {"a\0b", 3, "c", 1, "d"},
      {"a", 1, "b\0c", 3, "d"},
  };
  swe_batch_reader *reader = NULL;
  swe_batch *batch = NULL;
  CHECK_STATUS(SWE_OK, swe_batch_reader_new(NULL, &reader, NULL));
  if (!CHECK_STATUS(SWE_OK, swe_batch_reader_feed(reader, input, sizeof input - 1, &batch, NULL)))
    return;
  swe_batch_view v;
  CHECK_STATUS(SWE_OK, swe_batch_get_view(batch, &v, NULL));
  CHECK_SIZE(4, v.event_count);
  for (size_t i = 0; i < v.record_count && i < 4; i++) {
    const uint32_t *env = v.aux + record(&v, i)[2];
    swe_str name = batch_str(&v, env + 1);
    swe_str resource = batch_str(&v, env + 5);
    CHECK_SIZE(expected[i].name_len, name.len);
    CHECK(memcmp(name.ptr, expected[i].name, expected[i].name_len) == 0);
    CHECK_SIZE(expected[i].resource_len, resource.len);
    CHECK(memcmp(resource.ptr, expected[i].resource, expected[i].resource_len) == 0);
    CHECK_STR(expected[i].event, batch_str(&v, env + 7));
  }
  swe_batch_free(batch);
  swe_batch_reader_free(reader);
}

static void test_batch_functions_reject_null_arguments(void) {
  swe_batch_reader *reader = NULL;
  swe_batch *batch = NULL;
  swe_batch_view v;
  swe_event *event = NULL;
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_batch_reader_new(NULL, NULL, NULL));
  CHECK_STATUS(SWE_OK, swe_batch_reader_new(NULL, &reader, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_batch_reader_feed(NULL, "{", 1, &batch, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_batch_reader_feed(reader, NULL, 1, &batch, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_batch_reader_feed(reader, "{", 1, NULL, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_batch_reader_finish(NULL, &batch, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_batch_reader_finish(reader, NULL, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_batch_get_view(NULL, &v, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_batch_event(NULL, 0, &event, NULL));
  CHECK_PTR(NULL, batch);
  CHECK_STATUS(SWE_OK, swe_batch_reader_feed(reader, NULL, 0, &batch, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_batch_get_view(batch, NULL, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_batch_event(batch, 0, NULL, NULL));
  swe_batch_free(batch);
  swe_batch_free(NULL);
  swe_batch_reader_free(reader);
  swe_batch_reader_free(NULL);
}

int main(void) {
  RUN(test_lines_become_records);
  RUN(test_unknown_events_have_no_typed_data_and_wrappers_keep_their_name);
  RUN(test_over_long_lines_and_bad_utf8_are_error_records);
  RUN(test_envelope_entries_keep_each_events_names);
  RUN(test_batch_functions_reject_null_arguments);
  return check_summary();
}
