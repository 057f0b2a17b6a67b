/*
 * The emitter: patterns, delivery order and counts, JSON delivery, listeners that unsubscribe
 * or refuse an event, `release` exactly once per subscription, bad subscriptions, and several
 * threads emitting at once.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>

#include "check.h"

#define MESSAGE_EVENT "{\"resource\":\"messages\",\"event\":\"created\",\"data\":{\"text\":\"hi\"}}"
#define ROOMS_READ_EVENT "{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{\"title\":\"A\"}}"
#define SPACES_READ_EVENT "{\"resource\":\"spaces\",\"event\":\"read\",\"data\":{\"title\":\"A\"}}"
#define CALLS_CREATED_EVENT "{\"resource\":\"calls\",\"event\":\"created\",\"data\":{}}"
#define UNKNOWN_EVENT "{\"resource\":\"widget\",\"event\":\"moved\",\"data\":{\"x\":1}}"

/* A listener that records its calls: appends its label to a shared log (when set), returns
 * `result`, and may unsubscribe `off_id` on each call. As a JSON listener it also keeps the
 * name and the JSON it got. Its release hook counts in `releases`. */
typedef struct {
  const char *label;
  char *log;
  int32_t result;
  int calls;
  int releases;
  swe_emitter *emitter;
  uint64_t id;
  uint64_t off_id;
  swe_status off_status;
  int releases_during_call;
  char name[64];
  char json[256];
  bool terminated;
} spy;

static void spy_called(spy *s) {
  s->calls++;
  if (s->log != NULL) {
    strcat(s->log, s->label);
    strcat(s->log, " ");
  }
  if (s->off_id != 0) {
    s->off_status = swe_emitter_off(s->emitter, s->off_id, NULL);
    s->releases_during_call = s->releases;
  }
}

static int32_t spy_event(void *user_data, const swe_event *event) {
  (void)event;
  spy *s = user_data;
  spy_called(s);
  return s->result;
}

/* Keeps a copy of the name and the JSON, and whether both are NUL-terminated at len. */
static int32_t spy_json(void *user_data, swe_str name, swe_str json) {
  spy *s = user_data;
  spy_called(s);
  snprintf(s->name, sizeof s->name, "%.*s", (int)name.len, name.ptr);
  snprintf(s->json, sizeof s->json, "%.*s", (int)json.len, json.ptr);
  s->terminated = name.ptr[name.len] == '\0' && json.ptr[json.len] == '\0';
  return s->result;
}

static void spy_release(void *user_data) { ((spy *)user_data)->releases++; }

static swe_emitter *new_emitter(void) {
  swe_emitter *emitter = NULL;
  CHECK_STATUS(SWE_OK, swe_emitter_new(&emitter, NULL));
  return emitter;
}

/* Subscribes a spy for events (or JSON text) and keeps its id in it. */
static void on_event(swe_emitter *emitter, const char *pattern, spy *s) {
  s->emitter = emitter;
  CHECK_STATUS(SWE_OK, swe_emitter_on_event(emitter, pattern, strlen(pattern), spy_event, s,
                                            spy_release, &s->id, NULL));
}

static void on_json(swe_emitter *emitter, const char *pattern, spy *s) {
  s->emitter = emitter;
  CHECK_STATUS(SWE_OK, swe_emitter_on_json(emitter, pattern, strlen(pattern), spy_json, s,
                                           spy_release, &s->id, NULL));
}

/* Emits JSON text that must be delivered; gives how many listeners ran. */
static size_t emit(swe_emitter *emitter, const char *text) {
  size_t delivered = SIZE_MAX;
  CHECK_STATUS(SWE_OK, swe_emitter_emit_json(emitter, NULL, text, strlen(text), &delivered, NULL));
  return delivered;
}

/* ---- patterns ---------------------------------------------------------------------------- */

static void test_full_name_matches_that_event_only(void) {
  swe_emitter *emitter = new_emitter();
  spy s = {.label = "exact"};
  on_event(emitter, "messages:created", &s);
  CHECK_SIZE(1, emit(emitter, MESSAGE_EVENT));
  CHECK_SIZE(0, emit(emitter, ROOMS_READ_EVENT));
  CHECK_SIZE(0, emit(emitter, CALLS_CREATED_EVENT));
  CHECK_INT(1, s.calls);
  swe_emitter_free(emitter);
}

static void test_resource_wildcard_matches_every_event_of_the_resource(void) {
  swe_emitter *emitter = new_emitter();
  spy s = {.label = "messages:*"};
  on_event(emitter, "messages:*", &s);
  CHECK_SIZE(1, emit(emitter, MESSAGE_EVENT));
  CHECK_SIZE(1, emit(emitter, "{\"resource\":\"messages\",\"event\":\"deleted\",\"data\":{}}"));
  CHECK_SIZE(0, emit(emitter, ROOMS_READ_EVENT));
  CHECK_INT(2, s.calls);
  swe_emitter_free(emitter);
}

static void test_event_wildcard_matches_every_resource(void) {
  swe_emitter *emitter = new_emitter();
  spy s = {.label = "*:created"};
  on_event(emitter, "*:created", &s);
  CHECK_SIZE(1, emit(emitter, MESSAGE_EVENT));
  CHECK_SIZE(1, emit(emitter, CALLS_CREATED_EVENT));
  CHECK_SIZE(0, emit(emitter, ROOMS_READ_EVENT));
  CHECK_INT(2, s.calls);
  swe_emitter_free(emitter);
}

static void test_star_matches_every_event_even_unknown_ones(void) {
  swe_emitter *emitter = new_emitter();
  spy s = {.label = "*"};
  on_event(emitter, "*", &s);
  CHECK_SIZE(1, emit(emitter, MESSAGE_EVENT));
  CHECK_SIZE(1, emit(emitter, ROOMS_READ_EVENT));
  CHECK_SIZE(1, emit(emitter, CALLS_CREATED_EVENT));
  CHECK_SIZE(1, emit(emitter, UNKNOWN_EVENT));
  CHECK_INT(4, s.calls);
  swe_emitter_free(emitter);
}

static void test_old_name_reaches_a_listener_of_the_current_name(void) {
  swe_emitter *emitter = new_emitter();
  char log[128] = "";
  spy current = {.label = "rooms:read", .log = log};
  spy resource = {.label = "rooms:*", .log = log};
  spy old = {.label = "spaces:read", .log = log};
  on_event(emitter, "rooms:read", &current);
  on_event(emitter, "rooms:*", &resource);
  on_event(emitter, "spaces:read", &old);
  CHECK_SIZE(3, emit(emitter, SPACES_READ_EVENT));
  CHECK_CSTR("rooms:read rooms:* spaces:read ", log);
  log[0] = '\0';
  CHECK_SIZE(3, emit(emitter, ROOMS_READ_EVENT));
  CHECK_CSTR("rooms:read rooms:* spaces:read ", log);
  swe_emitter_free(emitter);
}

static void test_final_star_matches_further_segments(void) {
  static const char three_parts[] =
      "{\"name\":\"calls:memberships:connected\",\"detail\":{"
      "\"resource\":\"calls\",\"event\":\"memberships\",\"data\":{}}}";
  swe_emitter *emitter = new_emitter();
  char log[128] = "";
  spy resource = {.label = "calls:*", .log = log};
  spy exact = {.label = "calls:memberships:connected", .log = log};
  spy middle = {.label = "*:connected", .log = log};
  on_event(emitter, "calls:*", &resource);
  on_event(emitter, "calls:memberships:connected", &exact);
  on_event(emitter, "*:connected", &middle);
  CHECK_SIZE(2, emit(emitter, three_parts));
  CHECK_CSTR("calls:* calls:memberships:connected ", log);
  swe_emitter_free(emitter);
}

/* ---- delivery ---------------------------------------------------------------------------- */

static void test_delivery_follows_subscription_order(void) {
  swe_emitter *emitter = new_emitter();
  char log[128] = "";
  spy first = {.label = "first", .log = log};
  spy second = {.label = "second", .log = log};
  spy third = {.label = "third", .log = log};
  spy other = {.label = "other", .log = log};
  on_event(emitter, "*:created", &first);
  on_event(emitter, "messages:created", &second);
  on_event(emitter, "rooms:read", &other);
  on_event(emitter, "*", &third);
  CHECK_SIZE(3, emit(emitter, MESSAGE_EVENT));
  CHECK_CSTR("first second third ", log);
  CHECK(first.id != second.id && second.id != third.id && first.id != third.id);
  swe_emitter_free(emitter);
}

static void test_emit_of_a_parsed_event_counts_the_listeners_that_ran(void) {
  swe_emitter *emitter = new_emitter();
  spy a = {.label = "a"};
  spy b = {.label = "b"};
  on_event(emitter, "messages:*", &a);
  on_json(emitter, "*", &b);
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, parse_text(MESSAGE_EVENT, &event, NULL));
  size_t delivered = SIZE_MAX;
  CHECK_STATUS(SWE_OK, swe_emitter_emit(emitter, event, &delivered, NULL));
  CHECK_SIZE(2, delivered);
  CHECK_STATUS(SWE_OK, swe_emitter_emit(emitter, event, NULL, NULL));
  CHECK_INT(2, a.calls);
  CHECK_INT(2, b.calls);
  swe_event_free(event);
  swe_emitter_free(emitter);
}

static void test_json_listener_gets_the_name_and_compact_json(void) {
  swe_emitter *emitter = new_emitter();
  spy s = {.label = "json"};
  on_json(emitter, "*", &s);
  CHECK_SIZE(1, emit(emitter, "{ \"resource\": \"messages\",\n  \"event\": \"created\",\n"
                              "  \"data\": { \"text\": \"hi\" } }"));
  CHECK_CSTR("messages:created", s.name);
  CHECK_CSTR(MESSAGE_EVENT, s.json);
  CHECK(s.terminated);
  swe_emitter_free(emitter);
}

static void test_json_listener_gets_a_wrapper_as_it_arrived(void) {
  static const char wrapped[] = "{\"name\":\"spaces:read\",\"detail\":" SPACES_READ_EVENT "}";
  swe_emitter *emitter = new_emitter();
  spy s = {.label = "json"};
  on_json(emitter, "rooms:read", &s);
  CHECK_SIZE(1, emit(emitter, wrapped));
  CHECK_CSTR("spaces:read", s.name);
  CHECK_CSTR(wrapped, s.json);
  CHECK(s.terminated);
  swe_emitter_free(emitter);
}

static void test_emit_json_parses_with_the_given_options(void) {
  static const char literal[] = "{resource: 'messages', event: 'created', data: {text: 'hi'}}";
  swe_emitter *emitter = new_emitter();
  spy s = {.label = "json"};
  on_json(emitter, "messages:created", &s);
  swe_parse_options *options = NULL;
  CHECK_STATUS(SWE_OK, swe_parse_options_new(&options, NULL));
  CHECK_STATUS(SWE_OK, swe_parse_options_set_syntax(options, SWE_SYNTAX_LITERAL, NULL));
  size_t delivered = 0;
  CHECK_STATUS(SWE_OK, swe_emitter_emit_json(emitter, options, literal, sizeof literal - 1,
                                             &delivered, NULL));
  CHECK_SIZE(1, delivered);
  CHECK_CSTR(MESSAGE_EVENT, s.json);
  swe_parse_options_free(options);
  swe_emitter_free(emitter);
}

static void test_emit_json_of_bad_text_calls_no_listener(void) {
  swe_emitter *emitter = new_emitter();
  spy s = {.label = "*"};
  on_event(emitter, "*", &s);
  size_t delivered = 777;
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_TRUNCATED,
               swe_emitter_emit_json(emitter, NULL, "{\"resource\"", 11, &delivered, &error));
  CHECK_ERROR(error, SWE_ERROR_TRUNCATED, 11, 1, 12, "");
  swe_error_free(error);
  CHECK_STATUS(SWE_ERROR_TRUNCATED,
               swe_emitter_emit_json(emitter, NULL, NULL, 0, &delivered, NULL));
  CHECK_STATUS(SWE_ERROR_INVALID_UTF8,
               swe_emitter_emit_json(emitter, NULL, "{\"a\xFF\"}", 6, &delivered, NULL));
  CHECK_SIZE(777, delivered);
  CHECK_INT(0, s.calls);
  swe_emitter_free(emitter);
}

/* ---- listeners that unsubscribe or refuse ------------------------------------------------ */

static void test_listener_unsubscribing_itself_is_released_after_the_emit(void) {
  swe_emitter *emitter = new_emitter();
  spy self = {.label = "self"};
  on_event(emitter, "*", &self);
  self.off_id = self.id;
  CHECK_SIZE(1, emit(emitter, MESSAGE_EVENT));
  CHECK_STATUS(SWE_OK, self.off_status);
  CHECK_INT(0, self.releases_during_call);
  CHECK_INT(1, self.releases);
  CHECK_SIZE(0, emit(emitter, MESSAGE_EVENT));
  CHECK_INT(1, self.calls);
  swe_emitter_free(emitter);
  CHECK_INT(1, self.releases);
}

static void test_listener_unsubscribing_a_later_one_stops_its_delivery(void) {
  swe_emitter *emitter = new_emitter();
  char log[128] = "";
  spy first = {.label = "first", .log = log};
  spy second = {.label = "second", .log = log};
  spy third = {.label = "third", .log = log};
  on_event(emitter, "*", &first);
  on_event(emitter, "*", &second);
  on_event(emitter, "*", &third);
  first.off_id = second.id;
  CHECK_SIZE(2, emit(emitter, MESSAGE_EVENT));
  CHECK_CSTR("first third ", log);
  CHECK_STATUS(SWE_OK, first.off_status);
  CHECK_INT(1, second.releases);
  first.off_id = 0;
  CHECK_SIZE(2, emit(emitter, MESSAGE_EVENT));
  CHECK_CSTR("first third first third ", log);
  CHECK_INT(0, second.calls);
  swe_emitter_free(emitter);
  CHECK_INT(1, first.releases);
  CHECK_INT(1, second.releases);
  CHECK_INT(1, third.releases);
}

static void test_listener_refusing_an_event_stops_delivery_with_its_value(void) {
  swe_emitter *emitter = new_emitter();
  char log[128] = "";
  spy before = {.label = "before", .log = log};
  spy refuser = {.label = "refuser", .log = log, .result = 7};
  spy after = {.label = "after", .log = log};
  on_event(emitter, "*", &before);
  on_json(emitter, "messages:*", &refuser);
  on_event(emitter, "*", &after);
  size_t delivered = 777;
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_LISTENER,
               swe_emitter_emit_json(emitter, NULL, MESSAGE_EVENT, strlen(MESSAGE_EVENT),
                                     &delivered, &error));
  CHECK_INT(SWE_ERROR_LISTENER, swe_error_code(error));
  CHECK_INT(7, swe_error_listener_status(error));
  char message[128];
  snprintf(message, sizeof message,
           "listener %" PRIu64 " refused messages:created: the listener returned 7", refuser.id);
  CHECK_STR(message, swe_error_message(error));
  swe_error_free(error);
  CHECK_CSTR("before refuser ", log);
  CHECK_INT(0, after.calls);
  CHECK_SIZE(777, delivered);
  /* Another event, which the refuser does not take, reaches everyone else. */
  CHECK_SIZE(2, emit(emitter, ROOMS_READ_EVENT));
  CHECK_CSTR("before refuser before after ", log);
  swe_emitter_free(emitter);
}

static void test_negative_listener_value_comes_back_as_is(void) {
  swe_emitter *emitter = new_emitter();
  spy refuser = {.label = "refuser", .result = -1};
  on_event(emitter, "*", &refuser);
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, parse_text(MESSAGE_EVENT, &event, NULL));
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_LISTENER, swe_emitter_emit(emitter, event, NULL, &error));
  CHECK_INT(-1, swe_error_listener_status(error));
  swe_error_free(error);
  swe_event_free(event);
  swe_emitter_free(emitter);
}

/* Emits the event it receives once more, and subscribes `inner`, from inside the call. */
typedef struct {
  swe_emitter *emitter;
  int calls;
  size_t inner_delivered;
  swe_status inner_emit;
  swe_status inner_on;
  spy inner;
} reentrant;

static int32_t emit_again(void *user_data, const swe_event *event) {
  reentrant *r = user_data;
  if (r->calls++ == 0) {
    r->inner_emit = swe_emitter_emit(r->emitter, event, &r->inner_delivered, NULL);
    r->inner.emitter = r->emitter;
    r->inner_on = swe_emitter_on_event(r->emitter, "*", 1, spy_event, &r->inner, spy_release,
                                       &r->inner.id, NULL);
  }
  return 0;
}

static void test_listener_may_emit_and_subscribe_from_inside(void) {
  swe_emitter *emitter = new_emitter();
  reentrant r = {.emitter = emitter, .inner = {.label = "inner"}};
  uint64_t id;
  CHECK_STATUS(SWE_OK, swe_emitter_on_event(emitter, "*", 1, emit_again, &r, NULL, &id, NULL));
  CHECK_SIZE(1, emit(emitter, MESSAGE_EVENT));
  CHECK_INT(2, r.calls);
  CHECK_STATUS(SWE_OK, r.inner_emit);
  CHECK_SIZE(1, r.inner_delivered);
  CHECK_STATUS(SWE_OK, r.inner_on);
  CHECK_INT(0, r.inner.calls); /* subscribed during that emit: from the next one on */
  CHECK_SIZE(2, emit(emitter, MESSAGE_EVENT));
  CHECK_INT(1, r.inner.calls);
  swe_emitter_free(emitter);
  CHECK_INT(1, r.inner.releases);
}

/* ---- subscriptions and release ----------------------------------------------------------- */

static void test_release_runs_once_after_off(void) {
  swe_emitter *emitter = new_emitter();
  spy s = {.label = "s"};
  on_event(emitter, "*", &s);
  CHECK_INT(0, s.releases);
  CHECK_STATUS(SWE_OK, swe_emitter_off(emitter, s.id, NULL));
  CHECK_INT(1, s.releases);
  CHECK_SIZE(0, emit(emitter, MESSAGE_EVENT));
  swe_emitter_free(emitter);
  CHECK_INT(1, s.releases);
  CHECK_INT(0, s.calls);
}

static void test_release_runs_for_every_remaining_listener_at_free(void) {
  swe_emitter *emitter = new_emitter();
  spy a = {.label = "a"};
  spy b = {.label = "b"};
  spy c = {.label = "c"};
  on_event(emitter, "*", &a);
  on_json(emitter, "*", &b);
  on_event(emitter, "messages:created", &c);
  CHECK_SIZE(3, emit(emitter, MESSAGE_EVENT));
  CHECK_INT(0, a.releases + b.releases + c.releases);
  swe_emitter_free(emitter);
  CHECK_INT(1, a.releases);
  CHECK_INT(1, b.releases);
  CHECK_INT(1, c.releases);
}

static void test_release_may_be_null(void) {
  swe_emitter *emitter = new_emitter();
  spy s = {.label = "s"};
  uint64_t id = 0;
  CHECK_STATUS(SWE_OK, swe_emitter_on_event(emitter, "*", 1, spy_event, &s, NULL, &id, NULL));
  CHECK_STATUS(SWE_OK, swe_emitter_on_json(emitter, "*", 1, spy_json, NULL, NULL, &id, NULL));
  CHECK_STATUS(SWE_OK, swe_emitter_off(emitter, id, NULL));
  CHECK_SIZE(1, emit(emitter, MESSAGE_EVENT));
  swe_emitter_free(emitter);
}

static void test_bad_patterns_are_invalid_and_never_released(void) {
  static const char *const patterns[] = {"",          "a::b",     "mess*ages", ":",
                                         "messages:", ":created", "**",        "*a"};
  swe_emitter *emitter = new_emitter();
  spy s = {.label = "s"};
  for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
    uint64_t id = 777;
    swe_error *error = NULL;
    const char *pattern = patterns[i];
    CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT,
                 swe_emitter_on_event(emitter, pattern, strlen(pattern), spy_event, &s, spy_release,
                                      &id, &error));
    CHECK_INT(SWE_ERROR_INVALID_ARGUMENT, swe_error_code(error));
    swe_error_free(error);
    CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT,
                 swe_emitter_on_json(emitter, pattern, strlen(pattern), spy_json, &s, spy_release,
                                     &id, NULL));
    CHECK_SIZE(777, id);
  }
  swe_error *error = NULL;
  CHECK_STATUS(
      SWE_ERROR_INVALID_ARGUMENT,
      swe_emitter_on_event(emitter, "", 0, spy_event, &s, spy_release, &(uint64_t){0}, &error));
  CHECK_STR("invalid pattern ``: it is empty", swe_error_message(error));
  swe_error_free(error);
  CHECK_STATUS(SWE_ERROR_INVALID_ARGUMENT, swe_emitter_on_event(emitter, NULL, 0, spy_event, &s,
                                                                spy_release, &(uint64_t){0}, NULL));
  CHECK_STATUS(SWE_ERROR_INVALID_UTF8, swe_emitter_on_event(emitter, "a\xFF", 2, spy_event, &s,
                                                            spy_release, &(uint64_t){0}, NULL));
  CHECK_SIZE(0, emit(emitter, MESSAGE_EVENT));
  swe_emitter_free(emitter);
  CHECK_INT(0, s.releases);
  CHECK_INT(0, s.calls);
}

static void test_emitter_functions_reject_null_arguments(void) {
  swe_emitter *emitter = new_emitter();
  swe_event *event = NULL;
  CHECK_STATUS(SWE_OK, parse_text(MESSAGE_EVENT, &event, NULL));
  spy s = {.label = "s"};
  uint64_t id = 777;
  size_t delivered = 777;
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_emitter_new(NULL, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_emitter_on_event(NULL, "*", 1, spy_event, &s, spy_release, &id, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_emitter_on_event(emitter, NULL, 5, spy_event, &s, spy_release, &id, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_emitter_on_event(emitter, "*", 1, NULL, &s, spy_release, &id, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_emitter_on_event(emitter, "*", 1, spy_event, &s, spy_release, NULL, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_emitter_on_json(NULL, "*", 1, spy_json, &s, spy_release, &id, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_emitter_on_json(emitter, NULL, 5, spy_json, &s, spy_release, &id, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_emitter_on_json(emitter, "*", 1, NULL, &s, spy_release, &id, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_emitter_on_json(emitter, "*", 1, spy_json, &s, spy_release, NULL, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_emitter_off(NULL, 1, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_emitter_emit(NULL, event, &delivered, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_emitter_emit(emitter, NULL, &delivered, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_emitter_emit_json(NULL, NULL, MESSAGE_EVENT, 5, &delivered, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_emitter_emit_json(emitter, NULL, NULL, 5, &delivered, NULL));
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT,
               swe_emitter_on_event(emitter, "*", 1, NULL, &s, spy_release, &id, &error));
  CHECK_STR("`listener` is NULL", swe_error_message(error));
  swe_error_free(error);
  CHECK_SIZE(777, id);
  CHECK_SIZE(777, delivered);
  swe_emitter_free(emitter);
  swe_event_free(event);
  CHECK_INT(0, s.releases);
}

static void test_off_of_an_unknown_id_is_not_found(void) {
  swe_emitter *emitter = new_emitter();
  spy s = {.label = "s"};
  on_event(emitter, "*", &s);
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_NOT_FOUND, swe_emitter_off(emitter, 12345, &error));
  CHECK_STR("no subscription with id 12345", swe_error_message(error));
  swe_error_free(error);
  CHECK_STATUS(SWE_ERROR_NOT_FOUND, swe_emitter_off(emitter, 0, NULL));
  CHECK_STATUS(SWE_OK, swe_emitter_off(emitter, s.id, NULL));
  CHECK_STATUS(SWE_ERROR_NOT_FOUND, swe_emitter_off(emitter, s.id, NULL));
  CHECK_INT(1, s.releases);
  swe_emitter_free(emitter);
  CHECK_INT(1, s.releases);
}

/* ---- threads ----------------------------------------------------------------------------- */

#define THREADS 4
#define ROUNDS 250

/* Calls and releases of a listener that may run on any thread. */
typedef struct {
  atomic_size_t calls;
  atomic_size_t releases;
} counter;

static int32_t count_event(void *user_data, const swe_event *event) {
  (void)event;
  atomic_fetch_add(&((counter *)user_data)->calls, 1);
  return 0;
}

static int32_t count_json(void *user_data, swe_str name, swe_str json) {
  (void)name;
  (void)json;
  atomic_fetch_add(&((counter *)user_data)->calls, 1);
  return 0;
}

static void count_release(void *user_data) {
  atomic_fetch_add(&((counter *)user_data)->releases, 1);
}

static void count_events(swe_emitter *emitter, const char *pattern, counter *c) {
  uint64_t id;
  CHECK_STATUS(SWE_OK, swe_emitter_on_event(emitter, pattern, strlen(pattern), count_event, c,
                                            count_release, &id, NULL));
}

/* One emitting thread: what it shares, and what it saw. */
typedef struct {
  swe_emitter *emitter;
  const swe_event *message;
  const swe_event *rooms;
  counter *own; /* when set, a listener of its own is subscribed while it emits */
  size_t delivered;
  int failures;
} worker;

static void *work(void *arg) {
  worker *w = arg;
  uint64_t own = 0;
  if (w->own != NULL && swe_emitter_on_event(w->emitter, "messages:*", 10, count_event, w->own,
                                             count_release, &own, NULL) != SWE_OK) {
    w->failures++;
  }
  for (int i = 0; i < ROUNDS; i++) {
    size_t delivered = 0;
    w->failures += swe_emitter_emit(w->emitter, w->message, &delivered, NULL) != SWE_OK;
    w->delivered += delivered;
    w->failures += swe_emitter_emit(w->emitter, w->rooms, &delivered, NULL) != SWE_OK;
    w->delivered += delivered;
  }
  if (w->own != NULL && swe_emitter_off(w->emitter, own, NULL) != SWE_OK) {
    w->failures++;
  }
  return NULL;
}

/* Runs THREADS workers at once, each emitting ROUNDS messages and ROUNDS rooms events. */
static void run_workers(swe_emitter *emitter, counter *own, worker workers[THREADS]) {
  swe_event *message = NULL;
  swe_event *rooms = NULL;
  CHECK_STATUS(SWE_OK, parse_text(MESSAGE_EVENT, &message, NULL));
  CHECK_STATUS(SWE_OK, parse_text(ROOMS_READ_EVENT, &rooms, NULL));
  pthread_t threads[THREADS];
  int started = 0;
  for (; started < THREADS; started++) {
    workers[started] = (worker){.emitter = emitter, .message = message, .rooms = rooms, .own = own};
    if (!CHECK_INT(0, pthread_create(&threads[started], NULL, work, &workers[started]))) {
      break;
    }
  }
  for (int i = 0; i < started; i++) {
    CHECK_INT(0, pthread_join(threads[i], NULL));
    CHECK_INT(0, workers[i].failures);
  }
  swe_event_free(rooms);
  swe_event_free(message);
}

/* A listener that waits, inside its call, until the test lets it return. */
typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t changed;
  bool entered;
  bool may_return;
  int releases;
  swe_emitter *emitter;
  swe_event *event;
  swe_status emitted;
} gate;

static int32_t wait_at_gate(void *user_data, const swe_event *event) {
  (void)event;
  gate *g = user_data;
  pthread_mutex_lock(&g->lock);
  g->entered = true;
  pthread_cond_broadcast(&g->changed);
  while (!g->may_return) {
    pthread_cond_wait(&g->changed, &g->lock);
  }
  pthread_mutex_unlock(&g->lock);
  return 0;
}

static void gate_release(void *user_data) {
  gate *g = user_data;
  pthread_mutex_lock(&g->lock);
  g->releases++;
  pthread_mutex_unlock(&g->lock);
}

static void *emit_through_gate(void *arg) {
  gate *g = arg;
  g->emitted = swe_emitter_emit(g->emitter, g->event, NULL, NULL);
  return NULL;
}

static void test_off_during_a_call_on_another_thread_releases_after_that_call(void) {
  gate g = {.lock = PTHREAD_MUTEX_INITIALIZER, .changed = PTHREAD_COND_INITIALIZER};
  g.emitter = new_emitter();
  CHECK_STATUS(SWE_OK, parse_text(MESSAGE_EVENT, &g.event, NULL));
  uint64_t id;
  CHECK_STATUS(SWE_OK,
               swe_emitter_on_event(g.emitter, "*", 1, wait_at_gate, &g, gate_release, &id, NULL));
  pthread_t thread;
  if (CHECK_INT(0, pthread_create(&thread, NULL, emit_through_gate, &g))) {
    pthread_mutex_lock(&g.lock);
    while (!g.entered) {
      pthread_cond_wait(&g.changed, &g.lock);
    }
    pthread_mutex_unlock(&g.lock);
    CHECK_STATUS(SWE_OK, swe_emitter_off(g.emitter, id, NULL));
    pthread_mutex_lock(&g.lock);
    CHECK_INT(0, g.releases); /* the call is still in flight */
    g.may_return = true;
    pthread_cond_broadcast(&g.changed);
    pthread_mutex_unlock(&g.lock);
    CHECK_INT(0, pthread_join(thread, NULL));
    CHECK_STATUS(SWE_OK, g.emitted);
    CHECK_INT(1, g.releases);
  }
  swe_emitter_free(g.emitter);
  CHECK_INT(1, g.releases);
  swe_event_free(g.event);
}

static void test_four_threads_emitting_at_once_deliver_exact_counts(void) {
  swe_emitter *emitter = new_emitter();
  counter all = {0}, messages = {0}, rooms = {0}, json = {0};
  count_events(emitter, "*", &all);
  count_events(emitter, "messages:created", &messages);
  count_events(emitter, "rooms:*", &rooms);
  uint64_t id;
  CHECK_STATUS(SWE_OK,
               swe_emitter_on_json(emitter, "*", 1, count_json, &json, count_release, &id, NULL));
  worker workers[THREADS];
  run_workers(emitter, NULL, workers);
  for (int i = 0; i < THREADS; i++) {
    CHECK_SIZE(6 * ROUNDS, workers[i].delivered); /* 3 listeners take each event */
  }
  CHECK_SIZE(THREADS * 2 * ROUNDS, atomic_load(&all.calls));
  CHECK_SIZE(THREADS * ROUNDS, atomic_load(&messages.calls));
  CHECK_SIZE(THREADS * ROUNDS, atomic_load(&rooms.calls));
  CHECK_SIZE(THREADS * 2 * ROUNDS, atomic_load(&json.calls));
  CHECK_SIZE(0, atomic_load(&all.releases));
  swe_emitter_free(emitter);
  CHECK_SIZE(1, atomic_load(&all.releases));
  CHECK_SIZE(1, atomic_load(&messages.releases));
  CHECK_SIZE(1, atomic_load(&rooms.releases));
  CHECK_SIZE(1, atomic_load(&json.releases));
}

static void test_threads_subscribing_while_others_emit_release_each_listener_once(void) {
  swe_emitter *emitter = new_emitter();
  counter all = {0}, own = {0};
  count_events(emitter, "*", &all);
  worker workers[THREADS];
  run_workers(emitter, &own, workers);
  CHECK_SIZE(THREADS * 2 * ROUNDS, atomic_load(&all.calls));
  /* Each thread's own listener took at least that thread's messages, at most everyone's. */
  CHECK(atomic_load(&own.calls) >= THREADS * ROUNDS);
  CHECK(atomic_load(&own.calls) <= THREADS * THREADS * ROUNDS);
  CHECK_SIZE(THREADS, atomic_load(&own.releases));
  swe_emitter_free(emitter);
  CHECK_SIZE(1, atomic_load(&all.releases));
  CHECK_SIZE(THREADS, atomic_load(&own.releases));
}

int main(void) {
  RUN(test_full_name_matches_that_event_only);
  RUN(test_resource_wildcard_matches_every_event_of_the_resource);
  RUN(test_event_wildcard_matches_every_resource);
  RUN(test_star_matches_every_event_even_unknown_ones);
  RUN(test_old_name_reaches_a_listener_of_the_current_name);
  RUN(test_final_star_matches_further_segments);

  RUN(test_delivery_follows_subscription_order);
  RUN(test_emit_of_a_parsed_event_counts_the_listeners_that_ran);
  RUN(test_json_listener_gets_the_name_and_compact_json);
  RUN(test_json_listener_gets_a_wrapper_as_it_arrived);
  RUN(test_emit_json_parses_with_the_given_options);
  RUN(test_emit_json_of_bad_text_calls_no_listener);

  RUN(test_listener_unsubscribing_itself_is_released_after_the_emit);
  RUN(test_listener_unsubscribing_a_later_one_stops_its_delivery);
  RUN(test_listener_refusing_an_event_stops_delivery_with_its_value);
  RUN(test_negative_listener_value_comes_back_as_is);
  RUN(test_listener_may_emit_and_subscribe_from_inside);

  RUN(test_release_runs_once_after_off);
  RUN(test_release_runs_for_every_remaining_listener_at_free);
  RUN(test_release_may_be_null);
  RUN(test_bad_patterns_are_invalid_and_never_released);
  RUN(test_emitter_functions_reject_null_arguments);
  RUN(test_off_of_an_unknown_id_is_not_found);

  RUN(test_off_during_a_call_on_another_thread_releases_after_that_call);
  RUN(test_four_threads_emitting_at_once_deliver_exact_counts);
  RUN(test_threads_subscribing_while_others_emit_release_each_listener_once);
  return check_summary();
}
