/*
 * Bad input: every failure has its documented status and position, never crashes, leaks
 * nothing, and leaves the outputs untouched. NULL arguments, hostile text, limits, options
 * and flags out of their domain, accessors used on the wrong event, and the status names.
 */
#include "check.h"

#define HEAD "{\"resource\":\"messages\",\"event\":\"created\",\"data\":"
#define MESSAGE_EVENT HEAD "{\"text\":\"hi\",\"files\":[\"https://example.com/a.png\"]}}"
#define ROOMS_EVENT "{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{\"title\":\"A\"}}"

/* A call failed with SWE_ERROR_NULL_ARGUMENT and an error naming `what`; frees the error. */
static bool check_null_argument(const char *what, swe_status status, swe_error **error,
                                const char *file, int line) {
  char message[64];
  snprintf(message, sizeof message, "`%s` is NULL", what);
  bool ok = check_status(SWE_ERROR_NULL_ARGUMENT, status, file, line, "status");
  ok &= check_error(*error, SWE_ERROR_NULL_ARGUMENT, 0, 0, 0, "", file, line);
  ok &= check_str(message, swe_error_message(*error), file, line, "swe_error_message(error)");
  swe_error_free(*error);
  *error = NULL;
  return ok;
}
#define CHECK_NULL_ARGUMENT(what, call)                                                            \
  check_null_argument((what), (call), &error, __FILE__, __LINE__)

/* Parsing `len` bytes fails with `status` at that place, leaving the event untouched. */
static bool check_parse_error(const char *text, size_t len, const swe_parse_options *options,
                              swe_status status, size_t offset, size_t line, size_t column,
                              const char *path, const char *file, int at) {
  swe_event *event = SENTINEL;
  swe_error *error = NULL;
  bool ok = check_status(status, swe_event_parse(text, len, options, &event, &error), file, at,
                         "swe_event_parse(...)");
  ok &= check_error(error, status, offset, line, column, path, file, at);
  if (!check_ptr(SENTINEL, event, file, at, "event")) {
    swe_event_free(event); /* parsed after all: nothing may leak */
    ok = false;
  }
  swe_error_free(error);
  return ok;
}
/* The same for a string literal, which may hold NUL bytes. */
#define CHECK_PARSE_ERROR(literal, status, offset, line, column, path)                             \
  check_parse_error((literal), sizeof(literal) - 1, NULL, (status), (offset), (line), (column),    \
                    (path), __FILE__, __LINE__)

/* Parses a literal that must be valid. */
static swe_event *parse_valid(const char *text) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, parse_text(text, &event, NULL));
  return event;
}

/* ---- NULL arguments ---------------------------------------------------------------------- */

static void test_parse_rejects_null_arguments(void) {
  swe_error *error = NULL;
  CHECK_NULL_ARGUMENT("event_out", swe_event_parse(MESSAGE_EVENT, 5, NULL, NULL, &error));
  swe_event *event = SENTINEL;
  CHECK_NULL_ARGUMENT("text", swe_event_parse(NULL, 5, NULL, &event, &error));
  CHECK_PTR(SENTINEL, event);
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_event_parse(NULL, 5, NULL, &event, NULL));
  CHECK_PTR(SENTINEL, event);
}

static void test_event_functions_reject_null_arguments(void) {
  swe_event *event = parse_valid(MESSAGE_EVENT);
  swe_error *error = NULL;
  swe_event *copy = SENTINEL;
  CHECK_NULL_ARGUMENT("event", swe_event_clone(NULL, &copy, &error));
  CHECK_NULL_ARGUMENT("event_out", swe_event_clone(event, NULL, &error));
  CHECK_PTR(SENTINEL, copy);

  swe_envelope_view env;
  swe_message_view message;
  swe_room_view room;
  swe_call_view call;
  swe_file_view file;
  swe_warning_view warning;
  swe_str mention;
  fill(&env, sizeof env);
  fill(&message, sizeof message);
  fill(&room, sizeof room);
  fill(&call, sizeof call);
  fill(&file, sizeof file);
  fill(&warning, sizeof warning);
  fill(&mention, sizeof mention);
  CHECK_NULL_ARGUMENT("event", swe_event_envelope(NULL, &env, &error));
  CHECK_NULL_ARGUMENT("view_out", swe_event_envelope(event, NULL, &error));
  CHECK_NULL_ARGUMENT("event", swe_event_message(NULL, &message, &error));
  CHECK_NULL_ARGUMENT("view_out", swe_event_message(event, NULL, &error));
  CHECK_NULL_ARGUMENT("event", swe_event_room(NULL, &room, &error));
  CHECK_NULL_ARGUMENT("view_out", swe_event_room(event, NULL, &error));
  CHECK_NULL_ARGUMENT("event", swe_event_call(NULL, &call, &error));
  CHECK_NULL_ARGUMENT("view_out", swe_event_call(event, NULL, &error));
  CHECK_NULL_ARGUMENT("event", swe_event_file(NULL, 0, &file, &error));
  CHECK_NULL_ARGUMENT("view_out", swe_event_file(event, 0, NULL, &error));
  CHECK_NULL_ARGUMENT("event", swe_event_mention(NULL, 0, &mention, &error));
  CHECK_NULL_ARGUMENT("id_out", swe_event_mention(event, 0, NULL, &error));
  CHECK_NULL_ARGUMENT("event", swe_event_warning(NULL, 0, &warning, &error));
  CHECK_NULL_ARGUMENT("view_out", swe_event_warning(event, 0, NULL, &error));
  CHECK(is_filled(&env, sizeof env));
  CHECK(is_filled(&message, sizeof message));
  CHECK(is_filled(&room, sizeof room));
  CHECK(is_filled(&call, sizeof call));
  CHECK(is_filled(&file, sizeof file));
  CHECK(is_filled(&warning, sizeof warning));
  CHECK(is_filled(&mention, sizeof mention));
  swe_event_free(event);
}

static void test_other_data_views_reject_null_arguments(void) {
  swe_event *event = parse_valid(MESSAGE_EVENT);
  swe_error *error = NULL;
  swe_membership_view membership;
  swe_call_membership_view call_membership;
  swe_notification_view notification;
  swe_mention_clicked_view mention_clicked;
  swe_activity_view activity;
  swe_user_view user;
  fill(&membership, sizeof membership);
  fill(&call_membership, sizeof call_membership);
  fill(&notification, sizeof notification);
  fill(&mention_clicked, sizeof mention_clicked);
  fill(&activity, sizeof activity);
  fill(&user, sizeof user);
  CHECK_NULL_ARGUMENT("event", swe_event_membership(NULL, &membership, &error));
  CHECK_NULL_ARGUMENT("view_out", swe_event_membership(event, NULL, &error));
  CHECK_NULL_ARGUMENT("event", swe_event_call_membership(NULL, &call_membership, &error));
  CHECK_NULL_ARGUMENT("view_out", swe_event_call_membership(event, NULL, &error));
  CHECK_NULL_ARGUMENT("event", swe_event_notification(NULL, &notification, &error));
  CHECK_NULL_ARGUMENT("view_out", swe_event_notification(event, NULL, &error));
  CHECK_NULL_ARGUMENT("event", swe_event_mention_clicked(NULL, &mention_clicked, &error));
  CHECK_NULL_ARGUMENT("view_out", swe_event_mention_clicked(event, NULL, &error));
  CHECK_NULL_ARGUMENT("event", swe_event_activity(NULL, &activity, &error));
  CHECK_NULL_ARGUMENT("view_out", swe_event_activity(event, NULL, &error));
  CHECK_NULL_ARGUMENT("event", swe_event_user(NULL, &user, &error));
  CHECK_NULL_ARGUMENT("view_out", swe_event_user(event, NULL, &error));
  CHECK(is_filled(&membership, sizeof membership));
  CHECK(is_filled(&call_membership, sizeof call_membership));
  CHECK(is_filled(&notification, sizeof notification));
  CHECK(is_filled(&mention_clicked, sizeof mention_clicked));
  CHECK(is_filled(&activity, sizeof activity));
  CHECK(is_filled(&user, sizeof user));
  swe_event_free(event);
}

static void test_json_writers_reject_null_arguments(void) {
  swe_event *event = parse_valid(MESSAGE_EVENT);
  swe_error *error = NULL;
  char *json = SENTINEL;
  size_t len = 77;
  CHECK_NULL_ARGUMENT("event", swe_event_to_json(NULL, 0, &json, &len, &error));
  CHECK_NULL_ARGUMENT("json_out", swe_event_to_json(event, 0, NULL, &len, &error));
  CHECK_NULL_ARGUMENT("event", swe_event_data_json(NULL, "text", 4, &json, &len, &error));
  CHECK_NULL_ARGUMENT("key", swe_event_data_json(event, NULL, 4, &json, &len, &error));
  CHECK_NULL_ARGUMENT("json_out", swe_event_data_json(event, "text", 4, NULL, &len, &error));
  CHECK_PTR(SENTINEL, json);
  CHECK_SIZE(77, len);
  swe_event_free(event);
}

static void test_options_functions_reject_null_arguments(void) {
  swe_error *error = NULL;
  CHECK_NULL_ARGUMENT("options_out", swe_parse_options_new(NULL, &error));
  CHECK_NULL_ARGUMENT("options", swe_parse_options_set_syntax(NULL, SWE_SYNTAX_JSON, &error));
  CHECK_NULL_ARGUMENT("options", swe_parse_options_set_limit(NULL, SWE_LIMIT_MAX_DEPTH, 8, &error));
  CHECK_NULL_ARGUMENT("options", swe_parse_options_set_warnings_as_errors(NULL, true, &error));
}

static void test_queries_answer_a_null_event_with_defaults(void) {
  CHECK_INT(SWE_KIND_UNKNOWN, swe_event_kind(NULL));
  CHECK_ABSENT(swe_event_name(NULL));
  CHECK_SIZE(0, swe_event_warning_count(NULL));
}

static void test_error_accessors_answer_a_null_error_with_defaults(void) {
  CHECK_INT(0, swe_error_code(NULL));
  CHECK_ABSENT(swe_error_message(NULL));
  CHECK_ABSENT(swe_error_path(NULL));
  CHECK_SIZE(0, swe_error_offset(NULL));
  CHECK_SIZE(0, swe_error_line(NULL));
  CHECK_SIZE(0, swe_error_column(NULL));
  CHECK_INT(0, swe_error_listener_status(NULL));
}

static void test_every_free_function_ignores_null(void) {
  swe_emitter_free(NULL);
  swe_error_free(NULL);
  swe_event_free(NULL);
  swe_parse_options_free(NULL);
  swe_string_free(NULL);
  swe_id_free(NULL);
  swe_stream_free(NULL);
  CHECK(true); /* reaching this line is the test */
}

static void test_success_leaves_the_error_out_untouched(void) {
  swe_event *event = NULL;
  swe_error *error = SENTINEL;
  CHECK_STATUS(SWE_OK, parse_text(ROOMS_EVENT, &event, &error));
  CHECK_PTR(SENTINEL, error);
  swe_event_free(event);
}

/* ---- hostile and broken text ------------------------------------------------------------- */

static void test_empty_text_is_truncated(void) {
  check_parse_error(NULL, 0, NULL, SWE_ERROR_TRUNCATED, 0, 1, 1, "", __FILE__, __LINE__);
  CHECK_PARSE_ERROR("", SWE_ERROR_TRUNCATED, 0, 1, 1, "");
}

static void test_whitespace_only_is_truncated(void) {
  CHECK_PARSE_ERROR("  \n\t ", SWE_ERROR_TRUNCATED, 5, 2, 3, "");
}

static void test_truncated_json_is_truncated(void) {
  CHECK_PARSE_ERROR("{\"resource\":\"messages\",\"event\":\"cr", SWE_ERROR_TRUNCATED, 31, 1, 32,
                    "event");
  CHECK_PARSE_ERROR("{\"resource\":\"messages\",", SWE_ERROR_TRUNCATED, 23, 1, 24, "");
}

static void test_invalid_utf8_byte_ff(void) {
  CHECK_PARSE_ERROR("{\"resource\":\"a\xFF\"}", SWE_ERROR_INVALID_UTF8, 14, 1, 15, "");
}

static void test_invalid_utf8_overlong_encoding(void) {
  CHECK_PARSE_ERROR("{\"resource\":\"a\xC0\xAF\"}", SWE_ERROR_INVALID_UTF8, 14, 1, 15, "");
}

static void test_invalid_utf8_truncated_sequence_at_the_end(void) {
  CHECK_PARSE_ERROR("{\"resource\":\"a\xE2\x82", SWE_ERROR_INVALID_UTF8, 14, 1, 15, "");
}

static void test_invalid_utf8_encoded_surrogate(void) {
  CHECK_PARSE_ERROR("{\"resource\":\"a\xED\xA0\x80\"}", SWE_ERROR_INVALID_UTF8, 14, 1, 15, "");
}

static void test_unpaired_surrogate_escape_is_an_invalid_string(void) {
  CHECK_PARSE_ERROR(HEAD "{\"text\":\"\\ud800\"}}", SWE_ERROR_INVALID_STRING, 57, 1, 58,
                    "data.text");
  CHECK_PARSE_ERROR("{\n  \"resource\": \"messages\",\n  \"event\": \"created\",\n"
                    "  \"data\": {\"text\": \"\\ud800\"}\n}",
                    SWE_ERROR_INVALID_STRING, 70, 4, 21, "data.text");
}

static void test_duplicate_key_in_data(void) {
  CHECK_PARSE_ERROR(HEAD "{\"text\":\"a\",\"text\":\"b\"}}", SWE_ERROR_DUPLICATE_KEY, 60, 1, 61,
                    "data.text");
}

static void test_number_of_ten_thousand_digits(void) {
  char *text = malloc(sizeof HEAD + 10000 + 64);
  size_t len = (size_t)sprintf(text, "%s{\"big\":", HEAD);
  memset(text + len, '7', 10000);
  len += 10000;
  len += (size_t)sprintf(text + len, "}}");
  check_parse_error(text, len, NULL, SWE_ERROR_NUMBER_TOO_LONG, 55, 1, 56, "data.big", __FILE__,
                    __LINE__);
  free(text);
}

static void test_nesting_one_hundred_thousand_deep(void) {
  const size_t depth = 100000;
  char *text = malloc(sizeof HEAD + 2 * depth + 64);
  size_t len = (size_t)sprintf(text, "%s{\"deep\":", HEAD);
  memset(text + len, '[', depth);
  memset(text + len + depth, ']', depth);
  len += 2 * depth;
  len += (size_t)sprintf(text + len, "}}");
  /* The event is depth 1, data 2, `deep` 3: the 65th level, 62 arrays further, is refused. */
  char path[256] = "data.deep";
  for (int i = 0; i < 62; i++) {
    strcat(path, "[0]");
  }
  check_parse_error(text, len, NULL, SWE_ERROR_TOO_DEEP, 118, 1, 119, path, __FILE__, __LINE__);
  free(text);
}

static void test_ten_megabyte_string(void) {
  const size_t size = 10u << 20;
  char *text = malloc(sizeof HEAD + size + 64);
  size_t len = (size_t)sprintf(text, "%s{\"text\":\"", HEAD);
  memset(text + len, 'a', size);
  len += size;
  len += (size_t)sprintf(text + len, "\"}}");
  /* Default limits: 8 MiB of input at most, refused before reading (placed at its start). */
  check_parse_error(text, len, NULL, SWE_ERROR_INPUT_TOO_LARGE, 0, 1, 1, "", __FILE__, __LINE__);
  /* Input allowed up to 16 MiB: the string is past the 1 MiB string limit. */
  swe_parse_options *options = NULL;
  CHECK_STATUS(SWE_OK, swe_parse_options_new(&options, NULL));
  CHECK_STATUS(SWE_OK,
               swe_parse_options_set_limit(options, SWE_LIMIT_MAX_INPUT_BYTES, 16u << 20, NULL));
  check_parse_error(text, len, options, SWE_ERROR_STRING_TOO_LONG, 56, 1, 57, "data.text", __FILE__,
                    __LINE__);
  swe_parse_options_free(options);
  free(text);
}

static void test_byte_order_mark_before_the_event_is_accepted(void) {
  swe_event *event = parse_valid("\xEF\xBB\xBF" ROOMS_EVENT);
  CHECK_INT(SWE_KIND_ROOMS_READ, swe_event_kind(event));
  CHECK_STR("rooms:read", swe_event_name(event));
  swe_event_free(event);
}

static void test_missing_fields_are_shape_errors(void) {
  CHECK_PARSE_ERROR("{\"resource\":\"messages\",\"event\":\"created\"}", SWE_ERROR_MISSING_FIELD, 1,
                    1, 2, "data");
  CHECK_PARSE_ERROR("{\"resource\":\"rooms\",\"data\":{}}", SWE_ERROR_MISSING_FIELD, 1, 1, 2,
                    "event");
  CHECK_PARSE_ERROR("{\"name\":\"rooms:read\"}", SWE_ERROR_MISSING_FIELD, 1, 1, 2, "detail");
}

static void test_known_fields_of_the_wrong_type_are_shape_errors(void) {
  CHECK_PARSE_ERROR("{\"resource\":5,\"event\":\"read\",\"data\":{}}", SWE_ERROR_WRONG_TYPE, 12, 1,
                    13, "resource");
  CHECK_PARSE_ERROR("{\"name\":5,\"detail\":{}}", SWE_ERROR_WRONG_TYPE, 8, 1, 9, "name");
  CHECK_PARSE_ERROR(HEAD "{\"text\":5}}", SWE_ERROR_WRONG_TYPE, 56, 1, 57, "data.text");
  CHECK_PARSE_ERROR(HEAD "{\"files\":{}}}", SWE_ERROR_WRONG_TYPE, 57, 1, 58, "data.files");
  CHECK_PARSE_ERROR("{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{\"isLocked\":\"yes\"}}",
                    SWE_ERROR_WRONG_TYPE, 54, 1, 55, "data.isLocked");
}

static void test_null_data_of_a_known_kind_is_missing(void) {
  CHECK_PARSE_ERROR("{\"resource\":\"rooms\",\"event\":\"read\",\"data\":null}",
                    SWE_ERROR_MISSING_FIELD, 1, 1, 2, "data");
}

static void test_empty_resource_is_an_invalid_value(void) {
  CHECK_PARSE_ERROR("{\"resource\":\"\",\"event\":\"created\",\"data\":{}}",
                    SWE_ERROR_INVALID_VALUE, 1, 1, 2, "resource");
}

static void test_trailing_text_or_comma_and_a_top_level_list_are_syntax_errors(void) {
  CHECK_PARSE_ERROR("{\"resource\":\"x\",\"event\":\"y\",\"data\":{}} x", SWE_ERROR_SYNTAX, 39, 1,
                    40, "");
  CHECK_PARSE_ERROR("{\"resource\":\"x\",\"event\":\"y\",\"data\":{},}", SWE_ERROR_SYNTAX, 38, 1,
                    39, "");
  CHECK_PARSE_ERROR("[1]", SWE_ERROR_SYNTAX, 0, 1, 1, "");
}

static void test_unterminated_comment_in_literal_syntax_is_truncated(void) {
  swe_parse_options *options = NULL;
  CHECK_STATUS(SWE_OK, swe_parse_options_new(&options, NULL));
  CHECK_STATUS(SWE_OK, swe_parse_options_set_syntax(options, SWE_SYNTAX_LITERAL, NULL));
  static const char text[] = "{ resource: 'rooms' /* never closed";
  check_parse_error(text, sizeof text - 1, options, SWE_ERROR_TRUNCATED, 20, 1, 21, "resource",
                    __FILE__, __LINE__);
  swe_parse_options_free(options);
}

/* ---- accessors on the wrong event, indexes past the end ---------------------------------- */

static void test_accessors_for_another_kind_are_wrong_kind(void) {
  swe_event *rooms = parse_valid(ROOMS_EVENT);
  swe_event *message = parse_valid(MESSAGE_EVENT);
  swe_message_view m;
  swe_room_view r;
  swe_call_view c;
  swe_file_view f;
  swe_str id;
  fill(&m, sizeof m);
  fill(&r, sizeof r);
  fill(&c, sizeof c);
  fill(&f, sizeof f);
  fill(&id, sizeof id);
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_WRONG_KIND, swe_event_message(rooms, &m, &error));
  CHECK_ERROR(error, SWE_ERROR_WRONG_KIND, 0, 0, 0, "");
  CHECK_STR("rooms:read is not messages:created", swe_error_message(error));
  swe_error_free(error);
  CHECK_STATUS(SWE_ERROR_WRONG_KIND, swe_event_file(rooms, 0, &f, NULL));
  CHECK_STATUS(SWE_ERROR_WRONG_KIND, swe_event_mention(rooms, 0, &id, NULL));
  CHECK_STATUS(SWE_ERROR_WRONG_KIND, swe_event_call(rooms, &c, NULL));
  CHECK_STATUS(SWE_ERROR_WRONG_KIND, swe_event_room(message, &r, NULL));
  CHECK_STATUS(SWE_ERROR_WRONG_KIND, swe_event_call(message, &c, NULL));
  CHECK(is_filled(&m, sizeof m));
  CHECK(is_filled(&r, sizeof r));
  CHECK(is_filled(&c, sizeof c));
  CHECK(is_filled(&f, sizeof f));
  CHECK(is_filled(&id, sizeof id));
  swe_event_free(message);
  swe_event_free(rooms);
}

static void test_other_data_views_of_a_message_are_wrong_kind(void) {
  swe_event *message = parse_valid(MESSAGE_EVENT);
  swe_membership_view membership;
  swe_call_membership_view call_membership;
  swe_notification_view notification;
  swe_mention_clicked_view mention_clicked;
  swe_activity_view activity;
  swe_user_view user;
  fill(&membership, sizeof membership);
  fill(&call_membership, sizeof call_membership);
  fill(&notification, sizeof notification);
  fill(&mention_clicked, sizeof mention_clicked);
  fill(&activity, sizeof activity);
  fill(&user, sizeof user);
  CHECK_STATUS(SWE_ERROR_WRONG_KIND, swe_event_membership(message, &membership, NULL));
  CHECK_STATUS(SWE_ERROR_WRONG_KIND, swe_event_call_membership(message, &call_membership, NULL));
  CHECK_STATUS(SWE_ERROR_WRONG_KIND, swe_event_notification(message, &notification, NULL));
  CHECK_STATUS(SWE_ERROR_WRONG_KIND, swe_event_mention_clicked(message, &mention_clicked, NULL));
  CHECK_STATUS(SWE_ERROR_WRONG_KIND, swe_event_activity(message, &activity, NULL));
  CHECK_STATUS(SWE_ERROR_WRONG_KIND, swe_event_user(message, &user, NULL));
  CHECK(is_filled(&membership, sizeof membership));
  CHECK(is_filled(&call_membership, sizeof call_membership));
  CHECK(is_filled(&notification, sizeof notification));
  CHECK(is_filled(&mention_clicked, sizeof mention_clicked));
  CHECK(is_filled(&activity, sizeof activity));
  CHECK(is_filled(&user, sizeof user));
  swe_event_free(message);
}

static void test_index_past_the_end_is_out_of_range(void) {
  swe_event *event = parse_valid(MESSAGE_EVENT);
  swe_file_view f;
  swe_warning_view w;
  swe_str id;
  fill(&f, sizeof f);
  fill(&w, sizeof w);
  fill(&id, sizeof id);
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_OUT_OF_RANGE, swe_event_file(event, 1, &f, &error));
  CHECK_STR("no entry 1 in files", swe_error_message(error));
  swe_error_free(error);
  CHECK_STATUS(SWE_ERROR_OUT_OF_RANGE, swe_event_file(event, SIZE_MAX, &f, NULL));
  CHECK_STATUS(SWE_ERROR_OUT_OF_RANGE, swe_event_mention(event, 0, &id, NULL));
  size_t count = swe_event_warning_count(event);
  CHECK_STATUS(SWE_ERROR_OUT_OF_RANGE, swe_event_warning(event, count, &w, NULL));
  CHECK(is_filled(&f, sizeof f));
  CHECK(is_filled(&w, sizeof w));
  CHECK(is_filled(&id, sizeof id));
  swe_event_free(event);
}

static void test_data_json_of_a_missing_member_is_not_found(void) {
  swe_event *event = parse_valid(MESSAGE_EVENT);
  char *json = SENTINEL;
  size_t len = 77;
  CHECK_STATUS(SWE_ERROR_NOT_FOUND, swe_event_data_json(event, "html", 4, &json, &len, NULL));
  CHECK_STATUS(SWE_ERROR_NOT_FOUND, swe_event_data_json(event, NULL, 0, &json, &len, NULL));
  CHECK_PTR(SENTINEL, json);
  CHECK_SIZE(77, len);
  swe_event_free(event);
}

/* ---- options and flags out of their domain ----------------------------------------------- */

static void test_unknown_syntax_is_invalid_and_keeps_the_options(void) {
  swe_parse_options *options = NULL;
  CHECK_STATUS(SWE_OK, swe_parse_options_new(&options, NULL));
  CHECK_STATUS(SWE_OK, swe_parse_options_set_syntax(options, SWE_SYNTAX_LITERAL, NULL));
  CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT, swe_parse_options_set_syntax(options, 2, NULL));
  CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT, swe_parse_options_set_syntax(options, UINT32_MAX, NULL));
  static const char literal[] = "{resource: 'rooms', event: 'read', data: {title: 'A',},}";
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, swe_event_parse(literal, sizeof literal - 1, options, &event, NULL));
  swe_event_free(event);
  swe_parse_options_free(options);
}

static void test_unknown_limit_and_out_of_range_values_are_invalid(void) {
  swe_parse_options *options = NULL;
  CHECK_STATUS(SWE_OK, swe_parse_options_new(&options, NULL));
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT, swe_parse_options_set_limit(options, 0, 8, &error));
  CHECK_STR("unknown limit 0", swe_error_message(error));
  swe_error_free(error);
  CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT, swe_parse_options_set_limit(options, 4, 8, NULL));
  CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT,
               swe_parse_options_set_limit(options, SWE_LIMIT_MAX_INPUT_BYTES, 0, NULL));
  CHECK_STATUS(
      SWE_ERROR_INVALID_ARGUMENT,
      swe_parse_options_set_limit(options, SWE_LIMIT_MAX_INPUT_BYTES, (1u << 30) + 1, NULL));
  CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT,
               swe_parse_options_set_limit(options, SWE_LIMIT_MAX_STRING_BYTES, 0, NULL));
  CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT,
               swe_parse_options_set_limit(options, SWE_LIMIT_MAX_DEPTH, 100001, NULL));
  swe_parse_options_free(options);
}

static void test_limit_of_zero_leaves_the_options_unchanged(void) {
  swe_parse_options *options = NULL;
  CHECK_STATUS(SWE_OK, swe_parse_options_new(&options, NULL));
  CHECK_STATUS(SWE_OK, swe_parse_options_set_limit(options, SWE_LIMIT_MAX_DEPTH, 2, NULL));
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT,
               swe_parse_options_set_limit(options, SWE_LIMIT_MAX_DEPTH, 0, &error));
  CHECK_STR("max_depth must be between 1 and 100000", swe_error_message(error));
  swe_error_free(error);
  /* The depth limit is still 2: data's array is the third level. */
  static const char text[] = HEAD "{\"a\":[1]}}";
  check_parse_error(text, sizeof text - 1, options, SWE_ERROR_TOO_DEEP, 53, 1, 54, "data.a",
                    __FILE__, __LINE__);
  swe_parse_options_free(options);
}

static void test_unknown_emit_flags_are_invalid(void) {
  swe_event *event = parse_valid(ROOMS_EVENT);
  char *json = SENTINEL;
  size_t len = 77;
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT, swe_event_to_json(event, 8, &json, &len, &error));
  CHECK_STR("invalid emit flags 0x8", swe_error_message(error));
  swe_error_free(error);
  CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT,
               swe_event_to_json(event, SWE_EMIT_DETAIL | SWE_EMIT_WRAPPED, &json, &len, NULL));
  CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT, swe_event_to_json(event, UINT32_MAX, &json, &len, NULL));
  CHECK_PTR(SENTINEL, json);
  CHECK_SIZE(77, len);
  swe_event_free(event);
}

/* ---- names ------------------------------------------------------------------------------- */

static void test_status_str_names_every_status(void) {
  CHECK_CSTR("SWE_OK", swe_status_str(SWE_OK));
  CHECK_CSTR("SWE_ERROR_NULL_ARGUMENT", swe_status_str(SWE_ERROR_NULL_ARGUMENT));
  CHECK_CSTR("SWE_ERROR_INVALID_ARGUMENT", swe_status_str(SWE_ERROR_INVALID_ARGUMENT));
  CHECK_CSTR("SWE_ERROR_INTERNAL", swe_status_str(SWE_ERROR_INTERNAL));
  CHECK_CSTR("SWE_ERROR_INVALID_UTF8", swe_status_str(SWE_ERROR_INVALID_UTF8));
  CHECK_CSTR("SWE_ERROR_SYNTAX", swe_status_str(SWE_ERROR_SYNTAX));
  CHECK_CSTR("SWE_ERROR_TRUNCATED", swe_status_str(SWE_ERROR_TRUNCATED));
  CHECK_CSTR("SWE_ERROR_INPUT_TOO_LARGE", swe_status_str(SWE_ERROR_INPUT_TOO_LARGE));
  CHECK_CSTR("SWE_ERROR_TOO_DEEP", swe_status_str(SWE_ERROR_TOO_DEEP));
  CHECK_CSTR("SWE_ERROR_STRING_TOO_LONG", swe_status_str(SWE_ERROR_STRING_TOO_LONG));
  CHECK_CSTR("SWE_ERROR_NUMBER_TOO_LONG", swe_status_str(SWE_ERROR_NUMBER_TOO_LONG));
  CHECK_CSTR("SWE_ERROR_INVALID_STRING", swe_status_str(SWE_ERROR_INVALID_STRING));
  CHECK_CSTR("SWE_ERROR_DUPLICATE_KEY", swe_status_str(SWE_ERROR_DUPLICATE_KEY));
  CHECK_CSTR("SWE_ERROR_WRONG_TYPE", swe_status_str(SWE_ERROR_WRONG_TYPE));
  CHECK_CSTR("SWE_ERROR_MISSING_FIELD", swe_status_str(SWE_ERROR_MISSING_FIELD));
  CHECK_CSTR("SWE_ERROR_INVALID_VALUE", swe_status_str(SWE_ERROR_INVALID_VALUE));
  CHECK_CSTR("SWE_ERROR_VALIDATION", swe_status_str(SWE_ERROR_VALIDATION));
  CHECK_CSTR("SWE_ERROR_WRONG_KIND", swe_status_str(SWE_ERROR_WRONG_KIND));
  CHECK_CSTR("SWE_ERROR_NOT_FOUND", swe_status_str(SWE_ERROR_NOT_FOUND));
  CHECK_CSTR("SWE_ERROR_OUT_OF_RANGE", swe_status_str(SWE_ERROR_OUT_OF_RANGE));
  CHECK_CSTR("SWE_ERROR_LISTENER", swe_status_str(SWE_ERROR_LISTENER));
}

static void test_status_str_of_an_unknown_number_is_unknown(void) {
  static const swe_status unknown[] = {1, -4, -9, -19, -24, -33, -39, -41, INT32_MAX, INT32_MIN};
  for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
    CHECK_CSTR("SWE_ERROR_UNKNOWN", swe_status_str(unknown[i]));
  }
}

static void test_kind_name_gives_current_names(void) {
  CHECK_CSTR(NULL, swe_kind_name(SWE_KIND_UNKNOWN));
  CHECK_CSTR("messages:created", swe_kind_name(SWE_KIND_MESSAGES_CREATED));
  CHECK_CSTR("rooms:read", swe_kind_name(SWE_KIND_ROOMS_READ));
  CHECK_CSTR("notification:created", swe_kind_name(SWE_KIND_NOTIFICATION_CREATED));
  CHECK_CSTR("calls:memberships", swe_kind_name(SWE_KIND_CALL_MEMBERSHIPS));
  CHECK_CSTR(NULL, swe_kind_name(SWE_KIND_CALL_MEMBERSHIPS + 1));
  CHECK_CSTR(NULL, swe_kind_name(UINT32_MAX));
}

static void test_kind_from_name_knows_old_and_dot_separated_names(void) {
  static const struct {
    const char *name;
    swe_kind kind;
  } cases[] = {{"rooms:read", SWE_KIND_ROOMS_READ},
               {"spaces:read", SWE_KIND_ROOMS_READ},
               {"room.read", SWE_KIND_ROOMS_READ},
               {"message.received", SWE_KIND_MESSAGES_CREATED},
               {"notifications:created", SWE_KIND_NOTIFICATION_CREATED},
               {"calls:memberships:connected", SWE_KIND_CALL_MEMBERSHIPS_CONNECTED},
               {"widget:resized", SWE_KIND_UNKNOWN},
               {"", SWE_KIND_UNKNOWN}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    CHECK_INT(cases[i].kind, swe_kind_from_name(cases[i].name, strlen(cases[i].name)));
  }
}

static void test_kind_from_name_of_bad_text_is_unknown(void) {
  CHECK_INT(SWE_KIND_UNKNOWN, swe_kind_from_name(NULL, 5));
  CHECK_INT(SWE_KIND_UNKNOWN, swe_kind_from_name(NULL, 0));
  CHECK_INT(SWE_KIND_UNKNOWN, swe_kind_from_name("rooms:read\xFF", 11));
  CHECK_INT(SWE_KIND_ROOMS_READ, swe_kind_from_name("rooms:readXX", 10)); /* len is the truth */
}

int main(void) {
  RUN(test_parse_rejects_null_arguments);
  RUN(test_event_functions_reject_null_arguments);
  RUN(test_other_data_views_reject_null_arguments);
  RUN(test_json_writers_reject_null_arguments);
  RUN(test_options_functions_reject_null_arguments);
  RUN(test_queries_answer_a_null_event_with_defaults);
  RUN(test_error_accessors_answer_a_null_error_with_defaults);
  RUN(test_every_free_function_ignores_null);
  RUN(test_success_leaves_the_error_out_untouched);

  RUN(test_empty_text_is_truncated);
  RUN(test_whitespace_only_is_truncated);
  RUN(test_truncated_json_is_truncated);
  RUN(test_invalid_utf8_byte_ff);
  RUN(test_invalid_utf8_overlong_encoding);
  RUN(test_invalid_utf8_truncated_sequence_at_the_end);
  RUN(test_invalid_utf8_encoded_surrogate);
  RUN(test_unpaired_surrogate_escape_is_an_invalid_string);
  RUN(test_duplicate_key_in_data);
  RUN(test_number_of_ten_thousand_digits);
  RUN(test_nesting_one_hundred_thousand_deep);
  RUN(test_ten_megabyte_string);
  RUN(test_byte_order_mark_before_the_event_is_accepted);
  RUN(test_missing_fields_are_shape_errors);
  RUN(test_known_fields_of_the_wrong_type_are_shape_errors);
  RUN(test_null_data_of_a_known_kind_is_missing);
  RUN(test_empty_resource_is_an_invalid_value);
  RUN(test_trailing_text_or_comma_and_a_top_level_list_are_syntax_errors);
  RUN(test_unterminated_comment_in_literal_syntax_is_truncated);

  RUN(test_accessors_for_another_kind_are_wrong_kind);
  RUN(test_other_data_views_of_a_message_are_wrong_kind);
  RUN(test_index_past_the_end_is_out_of_range);
  RUN(test_data_json_of_a_missing_member_is_not_found);

  RUN(test_unknown_syntax_is_invalid_and_keeps_the_options);
  RUN(test_unknown_limit_and_out_of_range_values_are_invalid);
  RUN(test_limit_of_zero_leaves_the_options_unchanged);
  RUN(test_unknown_emit_flags_are_invalid);

  RUN(test_status_str_names_every_status);
  RUN(test_status_str_of_an_unknown_number_is_unknown);
  RUN(test_kind_name_gives_current_names);
  RUN(test_kind_from_name_knows_old_and_dot_separated_names);
  RUN(test_kind_from_name_of_bad_text_is_unknown);
  return check_summary();
}
