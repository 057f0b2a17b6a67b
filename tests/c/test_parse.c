/*
 * Parsing: every sample event of tests/data/events/ (strict JSON) read through the views, the
 * documentation samples of tests/data/doc-samples/ in literal mode, and JSON written back.
 */
#include "check.h"

/* The timestamps of the samples, in Unix milliseconds. */
#define MS_2021_03_04 INT64_C(1614879236767)  /* 2021-03-04T17:33:56.767Z */
#define MS_2016_12_04 INT64_C(1480872836767)  /* 2016-12-04T17:33:56.767Z */
#define MS_2016_04_21A INT64_C(1461265315966) /* 2016-04-21T19:01:55.966Z */
#define MS_2016_04_21B INT64_C(1461265968920) /* 2016-04-21T19:12:48.920Z */
#define MS_2015_10_18 INT64_C(1445178376000)  /* 2015-10-18T14:26:16+00:00 */

#define NOT_CANONICAL_MESSAGE                                                                      \
  "id is not in canonical form (unpadded base64url with zero trailing bits)"

/* What an event's envelope should hold (NULL strings: absent). */
typedef struct {
  swe_kind kind;
  const char *name;
  const char *canonical_name;
  const char *resource;
  const char *event;
  const char *actor_id;
  const char *action;
  bool wrapped;
  size_t warning_count;
} expected_envelope;

static void check_envelope(const swe_event *event, expected_envelope expected) {
  swe_envelope_view env;
  if (!CHECK_STATUS(SWE_OK, swe_event_envelope(event, &env, NULL))) {
    return;
  }
  CHECK_INT(expected.kind, env.kind);
  CHECK_STR(expected.name, env.name);
  CHECK_STR(expected.canonical_name, env.canonical_name);
  CHECK_STR(expected.resource, env.resource);
  CHECK_STR(expected.event, env.event);
  CHECK_STR(expected.actor_id, env.actor_id);
  CHECK_STR(expected.action, env.action);
  CHECK_INT(expected.wrapped, env.wrapped);
  CHECK_SIZE(expected.warning_count, env.warning_count);
  CHECK_SIZE(expected.warning_count, swe_event_warning_count(event));
  CHECK_INT(expected.kind, swe_event_kind(event));
  CHECK_STR(expected.name, swe_event_name(event));
}

static void check_warning(const swe_event *event, size_t index, swe_warning_code code,
                          const char *path, size_t offset, const char *message) {
  swe_warning_view warning;
  if (!CHECK_STATUS(SWE_OK, swe_event_warning(event, index, &warning, NULL))) {
    return;
  }
  CHECK_INT(code, warning.code);
  CHECK_STR(path, warning.path);
  CHECK_SIZE(offset, warning.offset);
  CHECK_STR(message, warning.message);
}

static void check_timestamp(swe_timestamp actual, const char *text, int64_t unix_ms) {
  CHECK_STR(text, actual.text);
  CHECK_INT(unix_ms, actual.unix_ms);
  CHECK_INT(text != NULL, actual.valid);
}

/* The compact JSON of one member of the event's data. */
static void check_data_json(const swe_event *event, const char *key, const char *json) {
  char *text = NULL;
  size_t len = 0;
  if (CHECK_STATUS(SWE_OK, swe_event_data_json(event, key, strlen(key), &text, &len, NULL))) {
    CHECK_CSTR(json, text);
    CHECK_SIZE(strlen(json), len);
  }
  swe_string_free(text);
}

/* Writes `event` with `flags` and checks the text, its length and its NUL. */
static void check_to_json(const swe_event *event, uint32_t flags, const char *expected) {
  char *json = NULL;
  size_t len = 0;
  if (CHECK_STATUS(SWE_OK, swe_event_to_json(event, flags, &json, &len, NULL))) {
    CHECK_CSTR(expected, json);
    CHECK_SIZE(strlen(expected), len);
  }
  swe_string_free(json);
}

/* Parses a sample of tests/data/events/ (strict JSON); NULL when it failed. */
static swe_event *parse_event_sample(const char *name) {
  char relative[256];
  snprintf(relative, sizeof relative, "events/%s", name);
  swe_event *event = NULL;
  swe_error *error = NULL;
  if (!CHECK_STATUS(SWE_OK, parse_sample(relative, NULL, &event, &error))) {
    check_print_view("error:", swe_error_message(error));
  }
  swe_error_free(error);
  return event;
}

/* Parses a documentation sample in literal mode (warnings as errors when asked). */
static swe_status parse_doc_sample(const char *name, bool warnings_as_errors, swe_event **event_out,
                                   swe_error **error_out) {
  char relative[256];
  snprintf(relative, sizeof relative, "doc-samples/%s", name);
  swe_parse_options *options = NULL;
  CHECK_STATUS(SWE_OK, swe_parse_options_new(&options, NULL));
  CHECK_STATUS(SWE_OK, swe_parse_options_set_syntax(options, SWE_SYNTAX_LITERAL, NULL));
  CHECK_STATUS(SWE_OK, swe_parse_options_set_warnings_as_errors(options, warnings_as_errors, NULL));
  swe_status status = parse_sample(relative, options, event_out, error_out);
  swe_parse_options_free(options);
  return status;
}

/* ---- tests/data/events/ ---------------------------------------------------------------- */

static void test_bridge_wrapper_is_read_as_its_detail(void) {
  swe_event *event = parse_event_sample("bridge.name-and-detail.json");
  check_envelope(event, (expected_envelope){SWE_KIND_MESSAGES_CREATED, "messages:created",
                                            "messages:created", "messages", "created", PERSON_A,
                                            NULL, true, 0});
  swe_message_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_message(event, &m, NULL))) {
    CHECK_STR(MESSAGE, m.id);
    CHECK_STR(ROOM, m.room_id);
    CHECK_INT(SWE_ROOM_TYPE_GROUP, m.room_type);
    CHECK_STR("group", m.room_type_text);
    CHECK_STR("x", m.text);
    CHECK_ABSENT(m.html);
    CHECK_STR(PERSON_A, m.person_id);
    CHECK_STR("user-a@example.com", m.person_email);
    check_timestamp(m.created, "2021-03-04T17:33:56.767Z", MS_2021_03_04);
    CHECK_ABSENT(m.to_person_id);
    CHECK_ABSENT(m.to_person_email);
    CHECK_STR(PERSON_A, m.actor_id);
    CHECK_ABSENT(m.actor_name);
    CHECK_SIZE(0, m.file_count);
    CHECK_ABSENT(m.files_json);
    CHECK_INT(SWE_MENTIONS_ABSENT, m.mentions_kind);
    CHECK_SIZE(0, m.mention_count);
    CHECK_ABSENT(m.mentions_json);
  }
  swe_event_free(event);
}

static void test_direct_message_with_a_file_object_and_a_mention(void) {
  swe_event *event = parse_event_sample("space.messages-created.direct-mentions-files.json");
  check_envelope(event, (expected_envelope){SWE_KIND_MESSAGES_CREATED, "messages:created",
                                            "messages:created", "messages", "created", PERSON_A,
                                            NULL, false, 0});
  swe_message_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_message(event, &m, NULL))) {
    CHECK_STR(MESSAGE, m.id);
    CHECK_STR(ROOM, m.room_id);
    CHECK_INT(SWE_ROOM_TYPE_DIRECT, m.room_type);
    CHECK_STR("direct", m.room_type_text);
    CHECK_STR("hi Example User B", m.text);
    CHECK_STR("<p>hi <spark-mention data-object-type=\"person\" "
              "data-object-id=\"f06d71a5-0833-4fa5-a72a-cc89b25eee2e\">Example User "
              "B</spark-mention></p>",
              m.html);
    CHECK_STR(PERSON_A, m.person_id);
    CHECK_STR("user-a@example.com", m.person_email);
    check_timestamp(m.created, "2021-03-04T17:33:56.767Z", MS_2021_03_04);
    CHECK_STR(PERSON_B, m.to_person_id);
    CHECK_STR("user-b@example.com", m.to_person_email);
    CHECK_STR(PERSON_A, m.actor_id);
    CHECK_STR("Example User A", m.actor_name);
    CHECK_SIZE(1, m.file_count);
    CHECK_STR("[{\"objectType\":\"file\",\"displayName\":\"report.pdf\",\"fileSize\":48213,"
              "\"mimeType\":\"application/pdf\",\"url\":\"https://files.example.com/v1/spaces/"
              "0000/contents/0000/versions/0000/bytes\"}]",
              m.files_json);
    CHECK_INT(SWE_MENTIONS_LIST, m.mentions_kind);
    CHECK_SIZE(1, m.mention_count);
    CHECK_STR("[{\"id\":\"" PERSON_B "\"}]", m.mentions_json);
  }
  swe_file_view file;
  if (CHECK_STATUS(SWE_OK, swe_event_file(event, 0, &file, NULL))) {
    CHECK_INT(SWE_FILE_OBJECT, file.form);
    CHECK_STR("https://files.example.com/v1/spaces/0000/contents/0000/versions/0000/bytes",
              file.url);
    CHECK_STR("report.pdf", file.display_name);
    CHECK_STR("file", file.object_type);
    CHECK_STR("application/pdf", file.mime_type);
    CHECK_INT(48213, file.size);
  }
  swe_str mention;
  if (CHECK_STATUS(SWE_OK, swe_event_mention(event, 0, &mention, NULL))) {
    CHECK_STR(PERSON_B, mention);
  }
  swe_event_free(event);
}

static void test_group_message_in_plain_text(void) {
  swe_event *event = parse_event_sample("space.messages-created.group-plain.json");
  check_envelope(event, (expected_envelope){SWE_KIND_MESSAGES_CREATED, "messages:created",
                                            "messages:created", "messages", "created", PERSON_A,
                                            NULL, false, 0});
  swe_message_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_message(event, &m, NULL))) {
    CHECK_STR(MESSAGE, m.id);
    CHECK_STR(ROOM, m.room_id);
    CHECK_INT(SWE_ROOM_TYPE_GROUP, m.room_type);
    CHECK_STR("This is a test", m.text);
    CHECK_ABSENT(m.html);
    CHECK_STR(PERSON_A, m.person_id);
    CHECK_STR("user-a@example.com", m.person_email);
    check_timestamp(m.created, "2021-03-04T17:33:56.767Z", MS_2021_03_04);
    CHECK_ABSENT(m.to_person_id);
    CHECK_STR(PERSON_A, m.actor_id);
    CHECK_STR("Example User A", m.actor_name);
    CHECK_SIZE(0, m.file_count);
    CHECK_INT(SWE_MENTIONS_ABSENT, m.mentions_kind);
  }
  swe_event_free(event);
}

static void test_rooms_unread_in_no_team(void) {
  swe_event *event = parse_event_sample("space.rooms-unread.no-team.json");
  check_envelope(event, (expected_envelope){SWE_KIND_ROOMS_UNREAD, "rooms:unread", "rooms:unread",
                                            "rooms", "unread", PERSON_A, NULL, false, 0});
  swe_room_view r;
  if (CHECK_STATUS(SWE_OK, swe_event_room(event, &r, NULL))) {
    CHECK_STR(ROOM, r.id);
    CHECK_STR("Project Unicorn - Sprint 0", r.title);
    CHECK_INT(SWE_ROOM_TYPE_GROUP, r.room_type);
    CHECK_STR("group", r.room_type_text);
    CHECK_INT(true, r.has_is_locked);
    CHECK_INT(false, r.is_locked);
    CHECK_INT(SWE_TEAM_NONE, r.team_kind);
    CHECK_STR("", r.team_id);
    check_timestamp(r.last_activity, "2021-03-04T17:33:56.767Z", MS_2021_03_04);
    check_timestamp(r.created, "2016-04-21T19:01:55.966Z", MS_2016_04_21A);
    CHECK_STR(PERSON_A, r.actor_id);
    CHECK_STR("Example User A", r.actor_name);
    CHECK_ABSENT(r.tags_json);
  }
  swe_event_free(event);
}

static void test_2017_message_reads_space_id_as_room_id(void) {
  swe_event *event = parse_event_sample("widget-message-meet.messages-created.docs-2017-02.json");
  check_envelope(event, (expected_envelope){SWE_KIND_MESSAGES_CREATED, "messages:created",
                                            "messages:created", "messages", "created", PERSON_A,
                                            NULL, false, 1});
  check_warning(event, 0, SWE_WARNING_MISSING_FIELD, "data.roomType", 156,
                "`roomType` is absent; messages:created always carries it");
  swe_message_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_message(event, &m, NULL))) {
    CHECK_STR(MESSAGE_2017, m.id);
    CHECK_STR(ROOM_2017, m.room_id);
    CHECK_INT(SWE_ROOM_TYPE_ABSENT, m.room_type);
    CHECK_ABSENT(m.room_type_text);
    CHECK_ABSENT(m.text);
    CHECK_STR(PERSON_D, m.person_id);
    CHECK_STR("user-d@example.com", m.person_email);
    check_timestamp(m.created, "2016-12-04T17:33:56.767Z", MS_2016_12_04);
    CHECK_ABSENT(m.actor_id);
  }
  swe_event_free(event);
}

static void test_recents_calls_created_with_a_placeholder_call(void) {
  swe_event *event = parse_event_sample("widget-recents.calls-created.docs.json");
  check_envelope(event,
                 (expected_envelope){SWE_KIND_CALLS_CREATED, "calls:created", "calls:created",
                                     "calls", "created", PERSON_A, NULL, false, 0});
  swe_call_view c;
  if (CHECK_STATUS(SWE_OK, swe_event_call(event, &c, NULL))) {
    CHECK_STR(ROOM, c.room_id);
    CHECK_STR(PERSON_C, c.person_id);
    CHECK_STR("user-c@example.com", c.person_email);
    CHECK_ABSENT(c.actor_id);
    CHECK_ABSENT(c.actor_name);
    CHECK_INT(SWE_CALL_PLACEHOLDER, c.call_kind);
    CHECK_STR("\"[Call Object]\"", c.call_json);
    CHECK_ABSENT(c.call_id);
    CHECK_ABSENT(c.call_status);
    CHECK_ABSENT(c.call_state);
    CHECK_ABSENT(c.call_direction);
    CHECK_ABSENT(c.call_locus_url);
    CHECK_ABSENT(c.call_correlation_id);
  }
  swe_event_free(event);
}

static void test_recents_memberships_created(void) {
  swe_event *event = parse_event_sample("widget-recents.memberships-created.docs.json");
  check_envelope(event, (expected_envelope){SWE_KIND_MEMBERSHIPS_CREATED, "memberships:created",
                                            "memberships:created", "memberships", "created",
                                            PERSON_A, NULL, false, 0});
  swe_membership_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_membership(event, &m, NULL))) {
    CHECK_STR(MEMBERSHIP, m.id);
    CHECK_STR(ROOM, m.room_id);
    CHECK_STR(PERSON_C, m.person_id);
    CHECK_STR("user-c@example.com", m.person_email);
    check_timestamp(m.created, "2015-10-18T14:26:16+00:00", MS_2015_10_18);
    CHECK_STR(PERSON_A, m.actor_id); /* the envelope's copy */
    CHECK_ABSENT(m.actor_name);
  }
  check_data_json(event, "id", "\"" MEMBERSHIP "\"");
  check_data_json(event, "personEmail", "\"user-c@example.com\"");
  swe_event_free(event);
}

static void test_recents_message_with_a_url_file_and_no_mentions(void) {
  swe_event *event = parse_event_sample("widget-recents.messages-created.docs.json");
  check_envelope(event, (expected_envelope){SWE_KIND_MESSAGES_CREATED, "messages:created",
                                            "messages:created", "messages", "created", PERSON_A,
                                            NULL, false, 1});
  check_warning(event, 0, SWE_WARNING_ID_NOT_CANONICAL, "data.toPersonId", 389,
                NOT_CANONICAL_MESSAGE);
  swe_message_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_message(event, &m, NULL))) {
    CHECK_STR(MESSAGE, m.id);
    CHECK_STR(ROOM, m.room_id);
    CHECK_INT(SWE_ROOM_TYPE_GROUP, m.room_type);
    CHECK_STR(PERSON_B_NOT_CANONICAL, m.to_person_id);
    CHECK_STR("user-a@example.com", m.to_person_email);
    CHECK_STR("This is a test", m.text);
    CHECK_STR("This is a <b>test</b>", m.html);
    CHECK_STR(PERSON_C, m.person_id);
    CHECK_STR("user-b@example.com", m.person_email);
    check_timestamp(m.created, "2015-10-18T14:26:16+00:00", MS_2015_10_18);
    CHECK_ABSENT(m.actor_id);
    CHECK_SIZE(1, m.file_count);
    CHECK_STR("[\"http://www.example.com/images/media.png\"]", m.files_json);
    CHECK_INT(SWE_MENTIONS_LIST, m.mentions_kind);
    CHECK_SIZE(0, m.mention_count);
    CHECK_STR("[]", m.mentions_json);
  }
  swe_file_view file;
  if (CHECK_STATUS(SWE_OK, swe_event_file(event, 0, &file, NULL))) {
    CHECK_INT(SWE_FILE_URL, file.form);
    CHECK_STR("http://www.example.com/images/media.png", file.url);
    CHECK_ABSENT(file.display_name);
    CHECK_ABSENT(file.object_type);
    CHECK_ABSENT(file.mime_type);
    CHECK_INT(-1, file.size);
  }
  swe_event_free(event);
}

static void test_recents_rooms_selected_for_a_call(void) {
  swe_event *event = parse_event_sample("widget-recents.rooms-selected-call.docs.json");
  check_envelope(event,
                 (expected_envelope){SWE_KIND_ROOMS_SELECTED, "rooms:selected", "rooms:selected",
                                     "rooms", "selected", NULL, "call", false, 1});
  check_warning(event, 0, SWE_WARNING_ID_UNEXPECTED_TYPE, "data.teamId", 270,
                "expected a TEAM id, found a ROOM id");
  swe_room_view r;
  if (CHECK_STATUS(SWE_OK, swe_event_room(event, &r, NULL))) {
    CHECK_STR(ROOM, r.id);
    CHECK_STR("Project Unicorn - Sprint 0", r.title);
    CHECK_INT(SWE_ROOM_TYPE_GROUP, r.room_type);
    CHECK_INT(true, r.has_is_locked);
    CHECK_INT(true, r.is_locked);
    CHECK_INT(SWE_TEAM_ID, r.team_kind);
    CHECK_STR(TEAM_AS_ROOM, r.team_id);
    check_timestamp(r.last_activity, "2016-04-21T19:12:48.920Z", MS_2016_04_21B);
    check_timestamp(r.created, "2016-04-21T19:01:55.966Z", MS_2016_04_21A);
    CHECK_ABSENT(r.actor_id);
    CHECK_ABSENT(r.tags_json);
  }
  swe_event_free(event);
}

static void test_recents_rooms_selected_keeps_an_unknown_member(void) {
  swe_event *event = parse_event_sample("widget-recents.rooms-selected.docs.json");
  check_envelope(event,
                 (expected_envelope){SWE_KIND_ROOMS_SELECTED, "rooms:selected", "rooms:selected",
                                     "rooms", "selected", NULL, NULL, false, 1});
  check_warning(event, 0, SWE_WARNING_ID_UNEXPECTED_TYPE, "data.teamId", 250,
                "expected a TEAM id, found a ROOM id");
  swe_room_view r;
  if (CHECK_STATUS(SWE_OK, swe_event_room(event, &r, NULL))) {
    CHECK_STR(ROOM, r.id);
    CHECK_STR("Project Unicorn - Sprint 0", r.title);
    CHECK_INT(SWE_TEAM_ID, r.team_kind);
    check_timestamp(r.last_activity, "2016-04-21T19:12:48.920Z", MS_2016_04_21B);
  }
  check_data_json(event, "toPersonEmail", "\"user-c@example.com\"");
  swe_event_free(event);
}

static void test_space_calls_connected_2017(void) {
  swe_event *event = parse_event_sample("widget-space.calls-connected.docs-2017.json");
  check_envelope(event,
                 (expected_envelope){SWE_KIND_CALLS_CONNECTED, "calls:connected", "calls:connected",
                                     "calls", "connected", PERSON_A, NULL, false, 0});
  swe_call_view c;
  if (CHECK_STATUS(SWE_OK, swe_event_call(event, &c, NULL))) {
    CHECK_STR(ROOM, c.room_id);
    CHECK_ABSENT(c.person_id);
    CHECK_ABSENT(c.person_email);
    CHECK_ABSENT(c.actor_id);
    CHECK_STR("Example User A", c.actor_name);
    CHECK_INT(SWE_CALL_PLACEHOLDER, c.call_kind);
    CHECK_STR("\"[Call Object]\"", c.call_json);
    CHECK_ABSENT(c.call_id);
  }
  swe_event_free(event);
}

static void test_space_calls_created_2017(void) {
  swe_event *event = parse_event_sample("widget-space.calls-created.docs-2017.json");
  check_envelope(event,
                 (expected_envelope){SWE_KIND_CALLS_CREATED, "calls:created", "calls:created",
                                     "calls", "created", PERSON_A, NULL, false, 0});
  swe_call_view c;
  if (CHECK_STATUS(SWE_OK, swe_event_call(event, &c, NULL))) {
    CHECK_STR(ROOM, c.room_id);
    CHECK_STR(PERSON_C, c.person_id);
    CHECK_STR("user-c@example.com", c.person_email);
    CHECK_STR("Example User A", c.actor_name);
    CHECK_INT(SWE_CALL_PLACEHOLDER, c.call_kind);
    CHECK_STR("\"[Call Object]\"", c.call_json);
  }
  swe_event_free(event);
}

static void test_space_calls_disconnected_2017(void) {
  swe_event *event = parse_event_sample("widget-space.calls-disconnected.docs-2017.json");
  check_envelope(event, (expected_envelope){SWE_KIND_CALLS_DISCONNECTED, "calls:disconnected",
                                            "calls:disconnected", "calls", "disconnected", PERSON_A,
                                            NULL, false, 0});
  swe_call_view c;
  if (CHECK_STATUS(SWE_OK, swe_event_call(event, &c, NULL))) {
    CHECK_STR(ROOM, c.room_id);
    CHECK_ABSENT(c.person_id);
    CHECK_STR("Example User A", c.actor_name);
    CHECK_INT(SWE_CALL_PLACEHOLDER, c.call_kind);
    CHECK_STR("\"[Call Object]\"", c.call_json);
  }
  swe_event_free(event);
}

static void test_space_mention_clicked(void) {
  swe_event *event = parse_event_sample("widget-space.mention-clicked.docs.json");
  check_envelope(event,
                 (expected_envelope){SWE_KIND_MENTION_CLICKED, "mention:clicked", "mention:clicked",
                                     "mention", "clicked", NULL, NULL, false, 0});
  swe_mention_clicked_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_mention_clicked(event, &m, NULL))) {
    CHECK_STR(ROOM, m.id);
    CHECK_STR("person", m.mention_type);
  }
  check_data_json(event, "type", "\"person\"");
  swe_event_free(event);
}

static void test_space_messages_created(void) {
  swe_event *event = parse_event_sample("widget-space.messages-created.docs.json");
  check_envelope(event, (expected_envelope){SWE_KIND_MESSAGES_CREATED, "messages:created",
                                            "messages:created", "messages", "created", PERSON_A,
                                            NULL, false, 1});
  check_warning(event, 0, SWE_WARNING_ID_NOT_CANONICAL, "data.toPersonId", 424,
                NOT_CANONICAL_MESSAGE);
  swe_message_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_message(event, &m, NULL))) {
    CHECK_STR(MESSAGE, m.id);
    CHECK_STR("Example User A", m.actor_name);
    CHECK_ABSENT(m.actor_id);
    CHECK_STR(ROOM, m.room_id);
    CHECK_STR(PERSON_B_NOT_CANONICAL, m.to_person_id);
    CHECK_STR("This is a <b>test</b>", m.html);
    CHECK_STR(PERSON_C, m.person_id);
    check_timestamp(m.created, "2015-10-18T14:26:16+00:00", MS_2015_10_18);
    CHECK_SIZE(1, m.file_count);
    CHECK_SIZE(0, m.mention_count);
  }
  swe_event_free(event);
}

static void test_space_notifications_created_has_its_current_name(void) {
  swe_event *event = parse_event_sample("widget-space.notifications-created.docs.json");
  check_envelope(event, (expected_envelope){SWE_KIND_NOTIFICATION_CREATED, "notifications:created",
                                            "notification:created", "notifications", "created",
                                            NULL, NULL, false, 0});
  swe_notification_view n;
  if (CHECK_STATUS(SWE_OK, swe_event_notification(event, &n, NULL))) {
    CHECK_ABSENT(n.username);
    CHECK_ABSENT(n.message);
    CHECK_ABSENT(n.avatar);
    CHECK_ABSENT(n.alert_type);
    CHECK_ABSENT(n.notification_id);
    CHECK_STR("\"[Notification Object]\"", n.notification_json);
  }
  check_data_json(event, "notification", "\"[Notification Object]\"");
  swe_event_free(event);
}

static void test_space_rooms_read_takes_the_actor_from_data(void) {
  swe_event *event = parse_event_sample("widget-space.rooms-read.docs.json");
  check_envelope(event, (expected_envelope){SWE_KIND_ROOMS_READ, "rooms:read", "rooms:read",
                                            "rooms", "read", PERSON_A, NULL, false, 1});
  check_warning(event, 0, SWE_WARNING_ID_UNEXPECTED_TYPE, "data.teamId", 379,
                "expected a TEAM id, found a ROOM id");
  swe_room_view r;
  if (CHECK_STATUS(SWE_OK, swe_event_room(event, &r, NULL))) {
    CHECK_STR(ROOM, r.id);
    CHECK_STR(PERSON_A, r.actor_id);
    CHECK_STR("Example User A", r.actor_name);
    CHECK_STR("Project Unicorn - Sprint 0", r.title);
    CHECK_INT(true, r.is_locked);
    CHECK_STR(TEAM_AS_ROOM, r.team_id);
    check_timestamp(r.last_activity, "2016-04-21T19:12:48.920Z", MS_2016_04_21B);
    check_timestamp(r.created, "2016-04-21T19:01:55.966Z", MS_2016_04_21A);
  }
  swe_event_free(event);
}

static void test_space_rooms_unread(void) {
  swe_event *event = parse_event_sample("widget-space.rooms-unread.docs.json");
  check_envelope(event, (expected_envelope){SWE_KIND_ROOMS_UNREAD, "rooms:unread", "rooms:unread",
                                            "rooms", "unread", NULL, NULL, false, 1});
  check_warning(event, 0, SWE_WARNING_ID_UNEXPECTED_TYPE, "data.teamId", 283,
                "expected a TEAM id, found a ROOM id");
  swe_room_view r;
  if (CHECK_STATUS(SWE_OK, swe_event_room(event, &r, NULL))) {
    CHECK_STR(ROOM, r.id);
    CHECK_ABSENT(r.actor_id);
    CHECK_STR("Example User A", r.actor_name);
    CHECK_STR("group", r.room_type_text);
    CHECK_INT(SWE_TEAM_ID, r.team_kind);
    CHECK_STR(TEAM_AS_ROOM, r.team_id);
  }
  swe_event_free(event);
}

/* ---- tests/data/doc-samples/, literal syntax --------------------------------------------- */

static void test_doc_messages_created_has_one_not_canonical_warning(void) {
  swe_event *event = NULL;
  if (!CHECK_STATUS(SWE_OK, parse_doc_sample("messages-created.js", false, &event, NULL))) {
    return;
  }
  check_envelope(event, (expected_envelope){SWE_KIND_MESSAGES_CREATED, "messages:created",
                                            "messages:created", "messages", "created", PERSON_A,
                                            NULL, false, 1});
  check_warning(event, 0, SWE_WARNING_ID_NOT_CANONICAL, "data.toPersonId", 373,
                NOT_CANONICAL_MESSAGE);
  swe_message_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_message(event, &m, NULL))) {
    CHECK_STR("julie@example.com", m.to_person_email);
    CHECK_STR("matt@example.com", m.person_email);
    CHECK_STR("This is a <b>test</b>", m.html);
    CHECK_STR("[\"http://www.example.com/images/media.png\"]", m.files_json);
  }
  swe_event_free(event);
}

static void test_doc_rooms_unread_has_a_room_id_as_team_id(void) {
  swe_event *event = NULL;
  if (!CHECK_STATUS(SWE_OK, parse_doc_sample("rooms-unread.js", false, &event, NULL))) {
    return;
  }
  check_envelope(event, (expected_envelope){SWE_KIND_ROOMS_UNREAD, "rooms:unread", "rooms:unread",
                                            "rooms", "unread", NULL, NULL, false, 1});
  check_warning(event, 0, SWE_WARNING_ID_UNEXPECTED_TYPE, "data.teamId", 232,
                "expected a TEAM id, found a ROOM id");
  swe_room_view r;
  if (CHECK_STATUS(SWE_OK, swe_event_room(event, &r, NULL))) {
    CHECK_STR("Project Unicorn - Sprint 0", r.title);
    CHECK_STR(TEAM_AS_ROOM, r.team_id);
  }
  swe_event_free(event);
}

static void test_doc_rooms_read_lacks_its_opening_brace(void) {
  swe_event *event = SENTINEL;
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_SYNTAX, parse_doc_sample("rooms-read.js", false, &event, &error));
  CHECK_ERROR(error, SWE_ERROR_SYNTAX, 2, 1, 3, "");
  CHECK_STR("expected '{' at the start of the event, found `resource`", swe_error_message(error));
  CHECK_PTR(SENTINEL, event);
  swe_error_free(error);
}

static void test_doc_calls_samples_lack_a_comma_after_actor_id(void) {
  static const struct {
    const char *name;
    size_t offset;
  } samples[] = {
      {"calls-connected.js", 140}, {"calls-created.js", 138}, {"calls-disconnected.js", 143}};
  for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
    swe_event *event = SENTINEL;
    swe_error *error = NULL;
    CHECK_STATUS(SWE_ERROR_SYNTAX, parse_doc_sample(samples[i].name, false, &event, &error));
    CHECK_ERROR(error, SWE_ERROR_SYNTAX, samples[i].offset, 5, 3, "actorId");
    CHECK_STR("expected ',' or '}' after a member, found `data`", swe_error_message(error));
    CHECK_PTR(SENTINEL, event);
    swe_error_free(error);
  }
}

static void test_doc_sample_is_a_syntax_error_in_strict_json(void) {
  swe_event *event = SENTINEL;
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_SYNTAX, parse_sample("doc-samples/rooms-unread.js", NULL, &event, &error));
  CHECK_ERROR(error, SWE_ERROR_SYNTAX, 4, 2, 3, "");
  CHECK_PTR(SENTINEL, event);
  swe_error_free(error);
}

static void test_warnings_as_errors_rejects_the_doc_message(void) {
  swe_event *event = SENTINEL;
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_VALIDATION, parse_doc_sample("messages-created.js", true, &event, &error));
  CHECK_ERROR(error, SWE_ERROR_VALIDATION, 373, 9, 17, "data.toPersonId");
  CHECK_STR(NOT_CANONICAL_MESSAGE, swe_error_message(error));
  CHECK_PTR(SENTINEL, event);
  swe_error_free(error);
}

static void test_literal_syntax_takes_comments_quotes_trailing_commas_and_undefined(void) {
  static const char literal[] =
      "// a comment\n"
      "{ resource: 'rooms', /* another */ event: \"read\",\n"
      "  data: { title: 'it\\'s', $x_1: undefined, list: [1, undefined, 'a',], },\n"
      "}";
  swe_parse_options *options = NULL;
  CHECK_STATUS(SWE_OK, swe_parse_options_new(&options, NULL));
  CHECK_STATUS(SWE_OK, swe_parse_options_set_syntax(options, SWE_SYNTAX_LITERAL, NULL));
  swe_event *event = NULL;
  if (CHECK_STATUS(SWE_OK, swe_event_parse(literal, sizeof literal - 1, options, &event, NULL))) {
    /* A member that is undefined is left out; undefined in a list reads as null. */
    check_to_json(event, 0,
                  "{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{\"title\":\"it's\","
                  "\"list\":[1,null,\"a\"]}}");
  }
  swe_event_free(event);
  swe_parse_options_free(options);
}

static void test_wrapper_without_resource_and_event_takes_them_from_its_name(void) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK,
               parse_text("{\"name\":\"rooms:read\",\"detail\":{\"data\":{}}}", &event, NULL));
  swe_envelope_view env;
  if (CHECK_STATUS(SWE_OK, swe_event_envelope(event, &env, NULL))) {
    CHECK_INT(SWE_KIND_ROOMS_READ, env.kind);
    CHECK_STR("rooms", env.resource);
    CHECK_STR("read", env.event);
    CHECK_INT(true, env.wrapped);
  }
  swe_event_free(event);
}

/* ---- typed values and doubtful ones ---------------------------------------------------- */

#define MESSAGE_WITH(data) "{\"resource\":\"messages\",\"event\":\"created\",\"data\":" data "}"
#define ROOMS_READ_WITH(data) "{\"resource\":\"rooms\",\"event\":\"read\",\"data\":" data "}"

/* The first warning with `code`; false when the event has none. */
static bool find_warning(const swe_event *event, swe_warning_code code, swe_warning_view *out) {
  for (size_t i = 0; i < swe_event_warning_count(event); i++) {
    if (swe_event_warning(event, i, out, NULL) == SWE_OK && out->code == code) {
      return true;
    }
  }
  return false;
}

static void test_call_membership_in_a_wrapper_with_three_parts(void) {
  swe_event *event = NULL;
  CHECK_STATUS(
      SWE_OK, parse_text("{\"name\":\"calls:memberships:connected\",\"detail\":{"
                         "\"resource\":\"calls\",\"event\":\"memberships\",\"actorId\":\"" PERSON_A
                         "\",\"data\":{\"actorName\":\"Example User A\",\"roomId\":\"" ROOM "\"}}}",
                         &event, NULL));
  check_envelope(event,
                 (expected_envelope){SWE_KIND_CALL_MEMBERSHIPS_CONNECTED,
                                     "calls:memberships:connected", "calls:memberships:connected",
                                     "calls", "memberships", PERSON_A, NULL, true, 0});
  swe_call_membership_view c;
  if (CHECK_STATUS(SWE_OK, swe_event_call_membership(event, &c, NULL))) {
    CHECK_STR(PERSON_A, c.actor_id);
    CHECK_STR("Example User A", c.actor_name);
    CHECK_STR(ROOM, c.room_id);
  }
  swe_event_free(event);
}

static void test_activity_changed(void) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, parse_text("{\"resource\":\"activity\",\"event\":\"changed\",\"data\":{"
                                  "\"name\":\"meet\",\"displayName\":\"Meet\",\"type\":\"app\"}}",
                                  &event, NULL));
  swe_activity_view a;
  if (CHECK_STATUS(SWE_OK, swe_event_activity(event, &a, NULL))) {
    CHECK_STR("meet", a.name);
    CHECK_STR("Meet", a.display_name);
    CHECK_STR("app", a.activity_type);
  }
  swe_event_free(event);
}

static void test_profile_clicked(void) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, parse_text("{\"resource\":\"profile\",\"event\":\"clicked\",\"data\":{"
                                  "\"id\":\"" PERSON_A "\",\"displayName\":\"Example User A\"}}",
                                  &event, NULL));
  swe_user_view u;
  if (CHECK_STATUS(SWE_OK, swe_event_user(event, &u, NULL))) {
    CHECK_STR(PERSON_A, u.id);
    CHECK_STR("Example User A", u.display_name);
  }
  swe_event_free(event);
}

static void test_notification_clicked_with_its_fields(void) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, parse_text("{\"resource\":\"notification\",\"event\":\"clicked\",\"data\":{"
                                  "\"username\":\"U\",\"message\":\"hi\",\"avatar\":\"https://a\","
                                  "\"alertType\":\"full\",\"notificationId\":\"n1\","
                                  "\"notification\":{\"a\":1}}}",
                                  &event, NULL));
  swe_notification_view n;
  if (CHECK_STATUS(SWE_OK, swe_event_notification(event, &n, NULL))) {
    CHECK_STR("U", n.username);
    CHECK_STR("hi", n.message);
    CHECK_STR("https://a", n.avatar);
    CHECK_STR("full", n.alert_type);
    CHECK_STR("n1", n.notification_id);
    CHECK_STR("{\"a\":1}", n.notification_json);
  }
  swe_event_free(event);
}

static void test_call_object_gives_its_typed_fields(void) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK,
               parse_text("{\"resource\":\"calls\",\"event\":\"created\",\"data\":{\"call\":"
                          "{\"id\":\"c1\",\"status\":\"ringing\",\"state\":\"IDLE\","
                          "\"direction\":\"in\",\"locusUrl\":\"https://l\","
                          "\"correlationId\":\"k\",\"extra\":[1]}}}",
                          &event, NULL));
  swe_call_view c;
  if (CHECK_STATUS(SWE_OK, swe_event_call(event, &c, NULL))) {
    CHECK_INT(SWE_CALL_OBJECT, c.call_kind);
    CHECK_STR("c1", c.call_id);
    CHECK_STR("ringing", c.call_status);
    CHECK_STR("IDLE", c.call_state);
    CHECK_STR("in", c.call_direction);
    CHECK_STR("https://l", c.call_locus_url);
    CHECK_STR("k", c.call_correlation_id);
    CHECK_STR("{\"id\":\"c1\",\"status\":\"ringing\",\"state\":\"IDLE\",\"direction\":\"in\","
              "\"locusUrl\":\"https://l\",\"correlationId\":\"k\",\"extra\":[1]}",
              c.call_json);
  }
  swe_event_free(event);
}

static void test_unknown_room_type_is_kept_with_a_warning(void) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, parse_text(MESSAGE_WITH("{\"roomType\":\"team\"}"), &event, NULL));
  swe_message_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_message(event, &m, NULL))) {
    CHECK_INT(SWE_ROOM_TYPE_OTHER, m.room_type);
    CHECK_STR("team", m.room_type_text);
  }
  swe_warning_view w;
  if (CHECK(find_warning(event, SWE_WARNING_UNKNOWN_VALUE, &w))) {
    CHECK_STR("data.roomType", w.path);
    CHECK_SIZE(60, w.offset);
    CHECK_STR("unknown room type `team` (expected `group` or `direct`)", w.message);
  }
  swe_event_free(event);
}

static void test_unreadable_timestamp_is_kept_with_a_warning(void) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK,
               parse_text(MESSAGE_WITH("{\"created\":\"2021-02-30T00:00:00Z\"}"), &event, NULL));
  swe_message_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_message(event, &m, NULL))) {
    CHECK_STR("2021-02-30T00:00:00Z", m.created.text);
    CHECK_INT(0, m.created.unix_ms);
    CHECK_INT(false, m.created.valid);
  }
  swe_warning_view w;
  if (CHECK(find_warning(event, SWE_WARNING_TIMESTAMP_INVALID, &w))) {
    CHECK_STR("data.created", w.path);
    CHECK_SIZE(59, w.offset);
    CHECK_STR("`2021-02-30T00:00:00Z` is not an RFC 3339 timestamp", w.message);
  }
  swe_event_free(event);
}

static void test_timestamps_before_1970_round_down(void) {
  static const struct {
    const char *text;
    int64_t unix_ms;
  } cases[] = {{"1969-12-31T23:59:59.5Z", -500},
               {"1969-12-31T23:59:59.9995Z", -1},
               {"1970-01-01T00:00:00.0009Z", 0},
               {"2021-03-04T17:33:56+05:30", INT64_C(1614859436000)}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char text[256];
    snprintf(text, sizeof text, ROOMS_READ_WITH("{\"created\":\"%s\"}"), cases[i].text);
    swe_event *event = NULL;
    swe_room_view r;
    if (CHECK_STATUS(SWE_OK, parse_text(text, &event, NULL)) &&
        CHECK_STATUS(SWE_OK, swe_event_room(event, &r, NULL))) {
      check_timestamp(r.created, cases[i].text, cases[i].unix_ms);
    }
    swe_event_free(event);
  }
}

static void test_file_entries_of_every_form(void) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, parse_text(MESSAGE_WITH("{\"files\":[5,\"https://a\",{\"url\":\"https://b\","
                                               "\"fileSize\":7},null,{\"fileSize\":1.5}]}"),
                                  &event, NULL));
  static const struct {
    swe_file_form form;
    const char *url;
    int64_t size;
  } expected[] = {{SWE_FILE_OTHER, NULL, -1},
                  {SWE_FILE_URL, "https://a", -1},
                  {SWE_FILE_OBJECT, "https://b", 7},
                  {SWE_FILE_OTHER, NULL, -1},
                  {SWE_FILE_OBJECT, NULL, -1}};
  swe_message_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_message(event, &m, NULL))) {
    CHECK_SIZE(5, m.file_count);
  }
  for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
    swe_file_view f;
    if (CHECK_STATUS(SWE_OK, swe_event_file(event, i, &f, NULL))) {
      CHECK_INT(expected[i].form, f.form);
      CHECK_STR(expected[i].url, f.url);
      CHECK_INT(expected[i].size, f.size);
    }
  }
  swe_event_free(event);
}

static void test_mention_items_and_entries_without_an_id(void) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK,
               parse_text(MESSAGE_WITH("{\"mentionedPeople\":{\"items\":[{\"id\":\"" PERSON_B
                                       "\"},{},\"" PERSON_C "\"]}}"),
                          &event, NULL));
  swe_message_view m;
  if (CHECK_STATUS(SWE_OK, swe_event_message(event, &m, NULL))) {
    CHECK_INT(SWE_MENTIONS_ITEMS, m.mentions_kind);
    CHECK_SIZE(3, m.mention_count);
  }
  swe_str id;
  CHECK_STATUS(SWE_OK, swe_event_mention(event, 0, &id, NULL));
  CHECK_STR(PERSON_B, id);
  CHECK_STATUS(SWE_OK, swe_event_mention(event, 1, &id, NULL));
  CHECK_ABSENT(id);
  CHECK_STATUS(SWE_OK, swe_event_mention(event, 2, &id, NULL));
  CHECK_STR(PERSON_C, id);
  swe_event_free(event);
}

static void test_undefined_team_id_means_no_team(void) {
  swe_event *event = NULL;
  /* base64url of ciscospark://us/TEAM/undefined */
  CHECK_STATUS(SWE_OK, parse_text(ROOMS_READ_WITH(
                                      "{\"teamId\":\"Y2lzY29zcGFyazovL3VzL1RFQU0vdW5kZWZpbmVk\"}"),
                                  &event, NULL));
  swe_room_view r;
  if (CHECK_STATUS(SWE_OK, swe_event_room(event, &r, NULL))) {
    CHECK_INT(SWE_TEAM_UNDEFINED, r.team_kind);
    CHECK_STR("Y2lzY29zcGFyazovL3VzL1RFQU0vdW5kZWZpbmVk", r.team_id);
  }
  swe_event_free(event);
}

static void test_string_holding_a_nul_keeps_its_length(void) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, parse_text(ROOMS_READ_WITH("{\"title\":\"a\\u0000b\"}"), &event, NULL));
  swe_room_view r;
  if (CHECK_STATUS(SWE_OK, swe_event_room(event, &r, NULL))) {
    CHECK_SIZE(3, r.title.len);
    CHECK(r.title.ptr != NULL && memcmp(r.title.ptr, "a\0b", 4) == 0);
  }
  check_to_json(event, 0, ROOMS_READ_WITH("{\"title\":\"a\\u0000b\"}"));
  swe_event_free(event);
}

/* The envelope's actorId and data.actorId differ; data.actorId's value is at byte 145. */
#define ACTOR_MISMATCH_EVENT                                                                       \
  "{\"resource\":\"rooms\",\"event\":\"read\",\"actorId\":\"" PERSON_A                             \
  "\",\"data\":{\"actorId\":\"" PERSON_B "\"}}"

static void test_actor_mismatch_warning_points_at_data_actor_id(void) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, parse_text(ACTOR_MISMATCH_EVENT, &event, NULL));
  swe_warning_view w;
  if (CHECK(find_warning(event, SWE_WARNING_ACTOR_MISMATCH, &w))) {
    CHECK_STR("data.actorId", w.path);
    CHECK_SIZE(145, w.offset);
    CHECK_STR("the envelope's actorId differs from data.actorId", w.message);
  }
  swe_event_free(event);
}

static void test_actor_mismatch_as_an_error_is_placed_at_its_value(void) {
  swe_parse_options *options = NULL;
  CHECK_STATUS(SWE_OK, swe_parse_options_new(&options, NULL));
  CHECK_STATUS(SWE_OK, swe_parse_options_set_warnings_as_errors(options, true, NULL));
  /* All fields rooms:read always carries are here, so the mismatch is the only warning. */
  static const char text[] =
      "{\"resource\":\"rooms\",\"event\":\"read\",\"actorId\":\"" PERSON_A "\",\"data\":{"
      "\"actorId\":\"" PERSON_B "\",\"id\":\"" ROOM "\",\"type\":\"group\","
      "\"lastActivity\":\"2016-04-21T19:12:48.920Z\"}}";
  swe_event *event = SENTINEL;
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_VALIDATION,
               swe_event_parse(text, sizeof text - 1, options, &event, &error));
  CHECK_ERROR(error, SWE_ERROR_VALIDATION, 145, 1, 146, "data.actorId");
  CHECK_PTR(SENTINEL, event);
  swe_error_free(error);
  swe_parse_options_free(options);
}

static void test_name_mismatch_warning_points_at_the_wrapper_name(void) {
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, parse_text("{\"name\":\"rooms:read\",\"detail\":{\"resource\":\"messages\","
                                  "\"event\":\"created\",\"data\":{}}}",
                                  &event, NULL));
  CHECK_INT(SWE_KIND_ROOMS_READ, swe_event_kind(event));
  swe_warning_view w;
  if (CHECK(find_warning(event, SWE_WARNING_NAME_MISMATCH, &w))) {
    CHECK_STR("name", w.path);
    CHECK_SIZE(8, w.offset);
    CHECK_STR("name `rooms:read` does not match resource `messages` and event `created`",
              w.message);
  }
  swe_event_free(event);
}

/* ---- JSON written back ------------------------------------------------------------------- */

/* A small event, and the JSON the library writes for it. */
#define SMALL_EVENT                                                                                \
  "{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{\"title\":\"Caf\\u00e9 \\\"Sprint\\\"\","  \
  "\"isLocked\":true,\"extra\":[1,2.5e3,null,{}]}}"
#define SMALL_DATA_COMPACT                                                                         \
  "{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{\"title\":\"Caf\xC3\xA9 \\\"Sprint\\\"\"," \
  "\"isLocked\":true,\"extra\":[1,2.5e3,null,{}]}}"

static void test_to_json_compact_writes_the_event_as_it_arrived(void) {
  swe_event *event = NULL;
  if (CHECK_STATUS(SWE_OK, parse_text(SMALL_EVENT, &event, NULL))) {
    check_to_json(event, 0, SMALL_DATA_COMPACT);
    check_to_json(event, SWE_EMIT_DETAIL, SMALL_DATA_COMPACT);
  }
  swe_event_free(event);
}

static void test_to_json_pretty_indents_as_json_stringify(void) {
  swe_event *event = NULL;
  if (CHECK_STATUS(SWE_OK, parse_text(SMALL_EVENT, &event, NULL))) {
    check_to_json(event, SWE_EMIT_PRETTY,
                  "{\n"
                  "  \"resource\": \"rooms\",\n"
                  "  \"event\": \"read\",\n"
                  "  \"data\": {\n"
                  "    \"title\": \"Caf\xC3\xA9 \\\"Sprint\\\"\",\n"
                  "    \"isLocked\": true,\n"
                  "    \"extra\": [\n"
                  "      1,\n"
                  "      2.5e3,\n"
                  "      null,\n"
                  "      {}\n"
                  "    ]\n"
                  "  }\n"
                  "}");
  }
  swe_event_free(event);
}

static void test_to_json_wrapped_adds_the_name(void) {
  swe_event *event = NULL;
  if (CHECK_STATUS(SWE_OK, parse_text(SMALL_EVENT, &event, NULL))) {
    check_to_json(event, SWE_EMIT_WRAPPED,
                  "{\"name\":\"rooms:read\",\"detail\":" SMALL_DATA_COMPACT "}");
    check_to_json(event, SWE_EMIT_WRAPPED | SWE_EMIT_PRETTY,
                  "{\n"
                  "  \"name\": \"rooms:read\",\n"
                  "  \"detail\": {\n"
                  "    \"resource\": \"rooms\",\n"
                  "    \"event\": \"read\",\n"
                  "    \"data\": {\n"
                  "      \"title\": \"Caf\xC3\xA9 \\\"Sprint\\\"\",\n"
                  "      \"isLocked\": true,\n"
                  "      \"extra\": [\n"
                  "        1,\n"
                  "        2.5e3,\n"
                  "        null,\n"
                  "        {}\n"
                  "      ]\n"
                  "    }\n"
                  "  }\n"
                  "}");
  }
  swe_event_free(event);
}

static void test_to_json_detail_unwraps_a_wrapper_with_an_old_name(void) {
  static const char wrapped[] = "{\"name\":\"spaces:read\",\"detail\":{\"resource\":\"spaces\","
                                "\"event\":\"read\",\"data\":{\"title\":\"A\"}}}";
  swe_event *event = NULL;
  if (CHECK_STATUS(SWE_OK, parse_text(wrapped, &event, NULL))) {
    check_envelope(event, (expected_envelope){SWE_KIND_ROOMS_READ, "spaces:read", "rooms:read",
                                              "spaces", "read", NULL, NULL, true, 3});
    check_to_json(event, 0, wrapped);
    check_to_json(event, SWE_EMIT_WRAPPED, wrapped);
    check_to_json(event, SWE_EMIT_DETAIL,
                  "{\"resource\":\"spaces\",\"event\":\"read\",\"data\":{\"title\":\"A\"}}");
  }
  swe_event_free(event);
}

/* The string views of two events hold the same text (or are both absent). */
#define CHECK_SAME_STR(a, b) CHECK_STR((a).ptr, (b))

static void check_same_envelope(const swe_event *a, const swe_event *b) {
  swe_envelope_view x, y;
  CHECK_STATUS(SWE_OK, swe_event_envelope(a, &x, NULL));
  CHECK_STATUS(SWE_OK, swe_event_envelope(b, &y, NULL));
  CHECK_INT(x.kind, y.kind);
  CHECK_SAME_STR(x.name, y.name);
  CHECK_SAME_STR(x.canonical_name, y.canonical_name);
  CHECK_SAME_STR(x.resource, y.resource);
  CHECK_SAME_STR(x.event, y.event);
  CHECK_SAME_STR(x.actor_id, y.actor_id);
  CHECK_SAME_STR(x.action, y.action);
  CHECK_INT(x.wrapped, y.wrapped);
  CHECK_SIZE(x.warning_count, y.warning_count);
}

static void check_same_message(const swe_event *a, const swe_event *b) {
  swe_message_view x, y;
  if (swe_event_message(a, &x, NULL) != SWE_OK) {
    return;
  }
  if (!CHECK_STATUS(SWE_OK, swe_event_message(b, &y, NULL))) {
    return;
  }
  CHECK_SAME_STR(x.id, y.id);
  CHECK_SAME_STR(x.room_id, y.room_id);
  CHECK_INT(x.room_type, y.room_type);
  CHECK_SAME_STR(x.room_type_text, y.room_type_text);
  CHECK_SAME_STR(x.text, y.text);
  CHECK_SAME_STR(x.html, y.html);
  CHECK_SAME_STR(x.person_id, y.person_id);
  CHECK_SAME_STR(x.person_email, y.person_email);
  CHECK_SAME_STR(x.created.text, y.created.text);
  CHECK_INT(x.created.unix_ms, y.created.unix_ms);
  CHECK_SAME_STR(x.to_person_id, y.to_person_id);
  CHECK_SAME_STR(x.to_person_email, y.to_person_email);
  CHECK_SAME_STR(x.actor_id, y.actor_id);
  CHECK_SAME_STR(x.actor_name, y.actor_name);
  CHECK_SIZE(x.file_count, y.file_count);
  CHECK_SAME_STR(x.files_json, y.files_json);
  CHECK_INT(x.mentions_kind, y.mentions_kind);
  CHECK_SIZE(x.mention_count, y.mention_count);
  CHECK_SAME_STR(x.mentions_json, y.mentions_json);
}

static void check_same_room(const swe_event *a, const swe_event *b) {
  swe_room_view x, y;
  if (swe_event_room(a, &x, NULL) != SWE_OK) {
    return;
  }
  if (!CHECK_STATUS(SWE_OK, swe_event_room(b, &y, NULL))) {
    return;
  }
  CHECK_SAME_STR(x.id, y.id);
  CHECK_SAME_STR(x.title, y.title);
  CHECK_INT(x.room_type, y.room_type);
  CHECK_INT(x.has_is_locked, y.has_is_locked);
  CHECK_INT(x.is_locked, y.is_locked);
  CHECK_INT(x.team_kind, y.team_kind);
  CHECK_SAME_STR(x.team_id, y.team_id);
  CHECK_SAME_STR(x.last_activity.text, y.last_activity.text);
  CHECK_INT(x.last_activity.unix_ms, y.last_activity.unix_ms);
  CHECK_SAME_STR(x.created.text, y.created.text);
  CHECK_SAME_STR(x.actor_id, y.actor_id);
  CHECK_SAME_STR(x.actor_name, y.actor_name);
  CHECK_SAME_STR(x.tags_json, y.tags_json);
}

static void check_same_call(const swe_event *a, const swe_event *b) {
  swe_call_view x, y;
  if (swe_event_call(a, &x, NULL) != SWE_OK) {
    return;
  }
  if (!CHECK_STATUS(SWE_OK, swe_event_call(b, &y, NULL))) {
    return;
  }
  CHECK_SAME_STR(x.room_id, y.room_id);
  CHECK_SAME_STR(x.person_id, y.person_id);
  CHECK_SAME_STR(x.person_email, y.person_email);
  CHECK_SAME_STR(x.actor_id, y.actor_id);
  CHECK_SAME_STR(x.actor_name, y.actor_name);
  CHECK_INT(x.call_kind, y.call_kind);
  CHECK_SAME_STR(x.call_json, y.call_json);
}

static const char *const EVENT_SAMPLES[] = {
    "bridge.name-and-detail.json",
    "space.messages-created.direct-mentions-files.json",
    "space.messages-created.group-plain.json",
    "space.rooms-unread.no-team.json",
    "widget-message-meet.messages-created.docs-2017-02.json",
    "widget-recents.calls-created.docs.json",
    "widget-recents.memberships-created.docs.json",
    "widget-recents.messages-created.docs.json",
    "widget-recents.rooms-selected-call.docs.json",
    "widget-recents.rooms-selected.docs.json",
    "widget-space.calls-connected.docs-2017.json",
    "widget-space.calls-created.docs-2017.json",
    "widget-space.calls-disconnected.docs-2017.json",
    "widget-space.mention-clicked.docs.json",
    "widget-space.messages-created.docs.json",
    "widget-space.notifications-created.docs.json",
    "widget-space.rooms-read.docs.json",
    "widget-space.rooms-unread.docs.json",
};

static void test_every_sample_reparses_from_its_json_field_by_field(void) {
  for (size_t i = 0; i < sizeof EVENT_SAMPLES / sizeof EVENT_SAMPLES[0]; i++) {
    swe_event *first = parse_event_sample(EVENT_SAMPLES[i]);
    char *json = NULL;
    size_t len = 0;
    swe_event *second = NULL;
    if (first != NULL && CHECK_STATUS(SWE_OK, swe_event_to_json(first, 0, &json, &len, NULL)) &&
        CHECK_STATUS(SWE_OK, swe_event_parse(json, len, NULL, &second, NULL))) {
      check_same_envelope(first, second);
      check_same_message(first, second);
      check_same_room(first, second);
      check_same_call(first, second);
      check_to_json(second, 0, json);
    }
    swe_event_free(second);
    swe_string_free(json);
    swe_event_free(first);
  }
}

static void test_clone_outlives_its_original(void) {
  swe_event *original = parse_event_sample("space.messages-created.group-plain.json");
  swe_event *copy = NULL;
  if (CHECK_STATUS(SWE_OK, swe_event_clone(original, &copy, NULL))) {
    swe_event_free(original);
    original = NULL;
    swe_message_view m;
    if (CHECK_STATUS(SWE_OK, swe_event_message(copy, &m, NULL))) {
      CHECK_STR("This is a test", m.text);
      CHECK_STR(PERSON_A, m.person_id);
    }
  }
  swe_event_free(copy);
  swe_event_free(original);
}

int main(void) {
  RUN(test_bridge_wrapper_is_read_as_its_detail);
  RUN(test_direct_message_with_a_file_object_and_a_mention);
  RUN(test_group_message_in_plain_text);
  RUN(test_rooms_unread_in_no_team);
  RUN(test_2017_message_reads_space_id_as_room_id);
  RUN(test_recents_calls_created_with_a_placeholder_call);
  RUN(test_recents_memberships_created);
  RUN(test_recents_message_with_a_url_file_and_no_mentions);
  RUN(test_recents_rooms_selected_for_a_call);
  RUN(test_recents_rooms_selected_keeps_an_unknown_member);
  RUN(test_space_calls_connected_2017);
  RUN(test_space_calls_created_2017);
  RUN(test_space_calls_disconnected_2017);
  RUN(test_space_mention_clicked);
  RUN(test_space_messages_created);
  RUN(test_space_notifications_created_has_its_current_name);
  RUN(test_space_rooms_read_takes_the_actor_from_data);
  RUN(test_space_rooms_unread);

  RUN(test_doc_messages_created_has_one_not_canonical_warning);
  RUN(test_doc_rooms_unread_has_a_room_id_as_team_id);
  RUN(test_doc_rooms_read_lacks_its_opening_brace);
  RUN(test_doc_calls_samples_lack_a_comma_after_actor_id);
  RUN(test_doc_sample_is_a_syntax_error_in_strict_json);
  RUN(test_warnings_as_errors_rejects_the_doc_message);
  RUN(test_literal_syntax_takes_comments_quotes_trailing_commas_and_undefined);
  RUN(test_wrapper_without_resource_and_event_takes_them_from_its_name);

  RUN(test_call_membership_in_a_wrapper_with_three_parts);
  RUN(test_activity_changed);
  RUN(test_profile_clicked);
  RUN(test_notification_clicked_with_its_fields);
  RUN(test_call_object_gives_its_typed_fields);
  RUN(test_unknown_room_type_is_kept_with_a_warning);
  RUN(test_unreadable_timestamp_is_kept_with_a_warning);
  RUN(test_timestamps_before_1970_round_down);
  RUN(test_file_entries_of_every_form);
  RUN(test_mention_items_and_entries_without_an_id);
  RUN(test_undefined_team_id_means_no_team);
  RUN(test_string_holding_a_nul_keeps_its_length);
  RUN(test_actor_mismatch_warning_points_at_data_actor_id);
  RUN(test_actor_mismatch_as_an_error_is_placed_at_its_value);
  RUN(test_name_mismatch_warning_points_at_the_wrapper_name);

  RUN(test_to_json_compact_writes_the_event_as_it_arrived);
  RUN(test_to_json_pretty_indents_as_json_stringify);
  RUN(test_to_json_wrapped_adds_the_name);
  RUN(test_to_json_detail_unwraps_a_wrapper_with_an_old_name);
  RUN(test_every_sample_reparses_from_its_json_field_by_field);
  RUN(test_clone_outlives_its_original);
  return check_summary();
}
