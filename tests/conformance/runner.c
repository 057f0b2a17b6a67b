/*
 * Conformance runner for C: reads every tests/conformance/cases/ (every .json) file and checks each
 * case through the C ABI (include/spaces_widget_events.h). Format: tests/conformance/README.md.
 *
 *   runner [--root REPO] [CASE_FILE...]          check (default: every case file)
 *   runner --generate DRAFT.json OUT.json        fill in each draft case's expected outcome
 *
 * Ends with "N passed, N failed"; exits 1 when a case failed.
 */
#define _POSIX_C_SOURCE 200809L
#include "spaces_widget_events.h"
#include "runner_common.h"

static swe_parse_options *case_options(const cJSON *c) {
  swe_parse_options *o = NULL;
  if (swe_parse_options_new(&o, NULL) != SWE_OK) return NULL;
  const cJSON *syntax = cJSON_GetObjectItemCaseSensitive(c, "syntax");
  if (cJSON_IsString(syntax) && strcmp(syntax->valuestring, "literal") == 0)
    swe_parse_options_set_syntax(o, SWE_SYNTAX_LITERAL, NULL);
  const cJSON *opts = cJSON_GetObjectItemCaseSensitive(c, "options");
  if (cJSON_IsObject(opts)) {
    static const struct {
      const char *key;
      swe_limit limit;
    } limits[] = {{"max_input_bytes", SWE_LIMIT_MAX_INPUT_BYTES},
                  {"max_depth", SWE_LIMIT_MAX_DEPTH},
                  {"max_string_bytes", SWE_LIMIT_MAX_STRING_BYTES}};
    for (size_t i = 0; i < 3; i++) {
      const cJSON *v = cJSON_GetObjectItemCaseSensitive(opts, limits[i].key);
      if (cJSON_IsNumber(v)) swe_parse_options_set_limit(o, limits[i].limit, (size_t)v->valuedouble, NULL);
    }
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(opts, "warnings_as_errors");
    if (cJSON_IsTrue(w)) swe_parse_options_set_warnings_as_errors(o, true, NULL);
  }
  return o;
}

/* ---- building the actual outcome ---- */

static void add_str(cJSON *o, const char *key, swe_str s) {
  if (!s.ptr) {
    cJSON_AddNullToObject(o, key);
    return;
  }
  char *copy = malloc(s.len + 1);
  memcpy(copy, s.ptr, s.len);
  copy[s.len] = 0;
  cJSON_AddStringToObject(o, key, copy);
  free(copy);
}

static void add_ts(cJSON *o, const char *key, swe_timestamp t) {
  char k[128];
  snprintf(k, sizeof k, "%s.text", key);
  add_str(o, k, t.text);
  snprintf(k, sizeof k, "%s.unix_ms", key);
  if (t.valid)
    cJSON_AddNumberToObject(o, k, (double)t.unix_ms);
  else
    cJSON_AddNullToObject(o, k);
}


static const char *room_type_label(swe_room_type t) {
  static const char *n[] = {"ABSENT", "GROUP", "DIRECT", "OTHER"};
  return t < 4 ? n[t] : "?";
}
static const char *team_label(swe_team_kind t) {
  static const char *n[] = {"ABSENT", "ID", "NONE", "UNDEFINED"};
  return t < 4 ? n[t] : "?";
}
static const char *mentions_label(swe_mentions_kind t) {
  static const char *n[] = {"ABSENT", "LIST", "ITEMS", "OTHER"};
  return t < 4 ? n[t] : "?";
}
static const char *file_label(swe_file_form t) {
  static const char *n[] = {"?", "URL", "OBJECT", "OTHER"};
  return t < 4 ? n[t] : "?";
}
static const char *call_label(swe_call_kind t) {
  static const char *n[] = {"ABSENT", "PLACEHOLDER", "OBJECT", "OTHER"};
  return t < 4 ? n[t] : "?";
}
static const char *warning_label(swe_warning_code c) {
  static const char *n[] = {"?",
                            "ID_MALFORMED",
                            "ID_NOT_CANONICAL",
                            "ID_UNEXPECTED_TYPE",
                            "ACTOR_MISMATCH",
                            "TIMESTAMP_INVALID",
                            "UNKNOWN_VALUE",
                            "MISSING_FIELD",
                            "NAME_MISMATCH"};
  return c < 9 ? n[c] : "?";
}

static void add_data_json(cJSON *o, const swe_event *e, const char *key) {
  char *json = NULL;
  size_t len = 0;
  char k[128];
  snprintf(k, sizeof k, "data.%s", key);
  if (swe_event_data_json(e, key, strlen(key), &json, &len, NULL) == SWE_OK) {
    cJSON_AddStringToObject(o, k, json);
    swe_string_free(json);
  } else {
    cJSON_AddNullToObject(o, k);
  }
}

static cJSON *fields_of(const swe_event *e) {
  cJSON *f = cJSON_CreateObject();
  swe_envelope_view env;
  swe_event_envelope(e, &env, NULL);
  cJSON_AddStringToObject(f, "envelope.kind", kind_label(env.kind));
  add_str(f, "envelope.name", env.name);
  add_str(f, "envelope.canonical_name", env.canonical_name);
  add_str(f, "envelope.resource", env.resource);
  add_str(f, "envelope.event", env.event);
  add_str(f, "envelope.actor_id", env.actor_id);
  add_str(f, "envelope.action", env.action);
  cJSON_AddBoolToObject(f, "envelope.wrapped", env.wrapped);
  switch (env.kind) {
  case SWE_KIND_MESSAGES_CREATED: {
    swe_message_view m;
    swe_event_message(e, &m, NULL);
    add_str(f, "message.id", m.id);
    add_str(f, "message.room_id", m.room_id);
    cJSON_AddStringToObject(f, "message.room_type", room_type_label(m.room_type));
    add_str(f, "message.room_type_text", m.room_type_text);
    add_str(f, "message.text", m.text);
    add_str(f, "message.html", m.html);
    add_str(f, "message.person_id", m.person_id);
    add_str(f, "message.person_email", m.person_email);
    add_ts(f, "message.created", m.created);
    add_str(f, "message.to_person_id", m.to_person_id);
    add_str(f, "message.to_person_email", m.to_person_email);
    add_str(f, "message.actor_id", m.actor_id);
    add_str(f, "message.actor_name", m.actor_name);
    cJSON *files = cJSON_AddArrayToObject(f, "message.files");
    for (size_t i = 0; i < m.file_count; i++) {
      swe_file_view fv;
      swe_event_file(e, i, &fv, NULL);
      cJSON *o = cJSON_CreateObject();
      cJSON_AddStringToObject(o, "form", file_label(fv.form));
      add_str(o, "url", fv.url);
      add_str(o, "display_name", fv.display_name);
      add_str(o, "object_type", fv.object_type);
      add_str(o, "mime_type", fv.mime_type);
      if (fv.size >= 0)
        cJSON_AddNumberToObject(o, "size", (double)fv.size);
      else
        cJSON_AddNullToObject(o, "size");
      cJSON_AddItemToArray(files, o);
    }
    cJSON_AddStringToObject(f, "message.mentions_kind", mentions_label(m.mentions_kind));
    cJSON *mentions = cJSON_AddArrayToObject(f, "message.mentions");
    for (size_t i = 0; i < m.mention_count; i++) {
      swe_str id = {NULL, 0};
      swe_event_mention(e, i, &id, NULL);
      if (id.ptr) {
        char *copy = strndup(id.ptr, id.len);
        cJSON_AddItemToArray(mentions, cJSON_CreateString(copy));
        free(copy);
      } else {
        cJSON_AddItemToArray(mentions, cJSON_CreateNull());
      }
    }
    add_data_json(f, e, "files");
    add_data_json(f, e, "mentionedPeople");
    break;
  }
  case SWE_KIND_ROOMS_UNREAD:
  case SWE_KIND_ROOMS_READ:
  case SWE_KIND_ROOMS_SELECTED: {
    swe_room_view r;
    swe_event_room(e, &r, NULL);
    add_str(f, "room.id", r.id);
    add_str(f, "room.title", r.title);
    cJSON_AddStringToObject(f, "room.room_type", room_type_label(r.room_type));
    add_str(f, "room.room_type_text", r.room_type_text);
    if (r.has_is_locked)
      cJSON_AddBoolToObject(f, "room.is_locked", r.is_locked);
    else
      cJSON_AddNullToObject(f, "room.is_locked");
    cJSON_AddStringToObject(f, "room.team_kind", team_label(r.team_kind));
    add_str(f, "room.team_id", r.team_id);
    add_ts(f, "room.last_activity", r.last_activity);
    add_ts(f, "room.created", r.created);
    add_str(f, "room.actor_id", r.actor_id);
    add_str(f, "room.actor_name", r.actor_name);
    add_data_json(f, e, "tags");
    break;
  }
  case SWE_KIND_CALLS_CREATED:
  case SWE_KIND_CALLS_CONNECTED:
  case SWE_KIND_CALLS_DISCONNECTED: {
    swe_call_view c;
    swe_event_call(e, &c, NULL);
    add_str(f, "call.room_id", c.room_id);
    add_str(f, "call.person_id", c.person_id);
    add_str(f, "call.person_email", c.person_email);
    add_str(f, "call.actor_id", c.actor_id);
    add_str(f, "call.actor_name", c.actor_name);
    cJSON_AddStringToObject(f, "call.call_kind", call_label(c.call_kind));
    add_str(f, "call.call_id", c.call_id);
    add_str(f, "call.call_status", c.call_status);
    add_str(f, "call.call_state", c.call_state);
    add_str(f, "call.call_direction", c.call_direction);
    add_str(f, "call.call_locus_url", c.call_locus_url);
    add_str(f, "call.call_correlation_id", c.call_correlation_id);
    add_data_json(f, e, "call");
    break;
  }
  case SWE_KIND_MEMBERSHIPS_CREATED:
  case SWE_KIND_MEMBERSHIPS_DELETED: {
    swe_membership_view m;
    swe_event_membership(e, &m, NULL);
    add_str(f, "membership.id", m.id);
    add_str(f, "membership.room_id", m.room_id);
    add_str(f, "membership.person_id", m.person_id);
    add_str(f, "membership.person_email", m.person_email);
    add_ts(f, "membership.created", m.created);
    add_str(f, "membership.actor_id", m.actor_id);
    add_str(f, "membership.actor_name", m.actor_name);
    break;
  }
  case SWE_KIND_NOTIFICATION_CREATED:
  case SWE_KIND_NOTIFICATION_CLICKED: {
    swe_notification_view n;
    swe_event_notification(e, &n, NULL);
    add_str(f, "notification.username", n.username);
    add_str(f, "notification.message", n.message);
    add_str(f, "notification.avatar", n.avatar);
    add_str(f, "notification.alert_type", n.alert_type);
    add_str(f, "notification.notification_id", n.notification_id);
    add_data_json(f, e, "notification");
    break;
  }
  case SWE_KIND_MENTION_CLICKED: {
    swe_mention_clicked_view m;
    swe_event_mention_clicked(e, &m, NULL);
    add_str(f, "mention_clicked.id", m.id);
    add_str(f, "mention_clicked.mention_type", m.mention_type);
    break;
  }
  case SWE_KIND_ACTIVITY_CHANGED: {
    swe_activity_view a;
    swe_event_activity(e, &a, NULL);
    add_str(f, "activity.name", a.name);
    add_str(f, "activity.display_name", a.display_name);
    add_str(f, "activity.activity_type", a.activity_type);
    break;
  }
  case SWE_KIND_ADD_CLICKED:
  case SWE_KIND_PROFILE_CLICKED:
  case SWE_KIND_USER_SIGNOUT_CLICKED: {
    swe_user_view u;
    swe_event_user(e, &u, NULL);
    add_str(f, "user.id", u.id);
    add_str(f, "user.display_name", u.display_name);
    break;
  }
  case SWE_KIND_CALL_MEMBERSHIPS_NOTIFIED:
  case SWE_KIND_CALL_MEMBERSHIPS_CONNECTED:
  case SWE_KIND_CALL_MEMBERSHIPS_DECLINED:
  case SWE_KIND_CALL_MEMBERSHIPS_DISCONNECTED:
  case SWE_KIND_CALL_MEMBERSHIPS: {
    swe_call_membership_view m;
    swe_event_call_membership(e, &m, NULL);
    add_str(f, "call_membership.actor_id", m.actor_id);
    add_str(f, "call_membership.actor_name", m.actor_name);
    add_str(f, "call_membership.room_id", m.room_id);
    break;
  }
  default:
    break;
  }
  return f;
}

static cJSON *event_outcome(const swe_event *e, int with_fields) {
  cJSON *ev = cJSON_CreateObject();
  add_str(ev, "name", swe_event_name(e));
  cJSON_AddStringToObject(ev, "kind", kind_label(swe_event_kind(e)));
  if (with_fields) cJSON_AddItemToObject(ev, "fields", fields_of(e));
  cJSON *ws = cJSON_AddArrayToObject(ev, "warnings");
  size_t n = swe_event_warning_count(e);
  for (size_t i = 0; i < n; i++) {
    swe_warning_view w;
    swe_event_warning(e, i, &w, NULL);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "code", warning_label(w.code));
    add_str(o, "path", w.path);
    cJSON_AddItemToArray(ws, o);
  }
  char *json = NULL;
  size_t len = 0;
  if (swe_event_to_json(e, 0, &json, &len, NULL) == SWE_OK) {
    cJSON_AddStringToObject(ev, "json", json);
    swe_string_free(json);
  }
  cJSON *out = cJSON_CreateObject();
  cJSON_AddItemToObject(out, "event", ev);
  return out;
}

static cJSON *error_outcome(const swe_error *err) {
  cJSON *o = cJSON_CreateObject();
  const char *status = swe_status_str(swe_error_code(err));
  if (strncmp(status, "SWE_ERROR_", 10) == 0) status += 10;
  cJSON_AddStringToObject(o, "status", status);
  cJSON_AddNumberToObject(o, "line", (double)swe_error_line(err));
  cJSON_AddNumberToObject(o, "column", (double)swe_error_column(err));
  cJSON_AddNumberToObject(o, "offset", (double)swe_error_offset(err));
  add_str(o, "path", swe_error_path(err));
  cJSON *out = cJSON_CreateObject();
  cJSON_AddItemToObject(out, "error", o);
  return out;
}

static int32_t on_stream_event(void *user_data, const swe_event *event) {
  cJSON_AddItemToArray((cJSON *)user_data, event_outcome(event, 0));
  return 0;
}

static int32_t on_stream_error(void *user_data, const swe_error *error) {
  cJSON_AddItemToArray((cJSON *)user_data, error_outcome(error));
  return 0;
}

/* The actual outcome of a case: {"event": ...} / {"error": ...} or {"outcomes": [...]}. */
static cJSON *run_case(const cJSON *c, const char **problem) {
  size_t len = 0;
  char *input = case_input(c, &len, problem);
  if (!input) return NULL;
  swe_parse_options *options = case_options(c);
  cJSON *result = NULL;
  const cJSON *stream = cJSON_GetObjectItemCaseSensitive(c, "stream");
  if (stream) {
    cJSON *outcomes = cJSON_CreateArray();
    swe_emitter *emitter = NULL;
    swe_stream *s = NULL;
    uint64_t id;
    swe_emitter_new(&emitter, NULL);
    swe_emitter_on_event(emitter, "*", 1, on_stream_event, outcomes, NULL, &id, NULL);
    swe_stream_new(options, &s, NULL);
    const cJSON *chunks = cJSON_GetObjectItemCaseSensitive(stream, "chunks");
    size_t at = 0;
    const cJSON *split;
    cJSON_ArrayForEach(split, chunks) {
      size_t to = (size_t)split->valuedouble;
      if (to > len) to = len;
      if (to < at) continue;
      swe_stream_feed(s, input + at, to - at, emitter, on_stream_error, outcomes, NULL);
      at = to;
    }
    swe_stream_feed(s, input + at, len - at, emitter, on_stream_error, outcomes, NULL);
    swe_stream_finish(s, emitter, on_stream_error, outcomes, NULL);
    swe_stream_free(s);
    swe_emitter_free(emitter);
    result = cJSON_CreateObject();
    cJSON_AddItemToObject(result, "outcomes", outcomes);
  } else {
    swe_event *event = NULL;
    swe_error *error = NULL;
    if (swe_event_parse(input, len, options, &event, &error) == SWE_OK) {
      result = event_outcome(event, 1);
      swe_event_free(event);
    } else {
      result = error_outcome(error);
      swe_error_free(error);
    }
  }
  swe_parse_options_free(options);
  free(input);
  return result;
}

int main(int argc, char **argv) { return runner_main(argc, argv); }
