// Conformance runner for C++: checks every case of tests/conformance/cases/*.json through the
// C++ binding (bindings/cpp/spaces_widget_events.hpp) only. Case files are read with cJSON
// (runner_common.h, shared with runner.c). Format: tests/conformance/README.md.
//
//   runner-cpp [--root REPO] [CASE_FILE...]
//
// Ends with "N passed, N failed"; exits 1 when a case failed.
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spaces_widget_events.hpp"
#include "runner_common.h"

namespace {

void add(cJSON *o, const char *key, std::optional<std::string_view> s) {
  if (!s) {
    cJSON_AddNullToObject(o, key);
    return;
  }
  std::string copy(*s);
  cJSON_AddStringToObject(o, key, copy.c_str());
}

void add(cJSON *o, const char *key, std::string_view s) { add(o, key, std::optional<std::string_view>(s)); }

void add_ts(cJSON *o, const std::string &key, const swe::Timestamp &t) {
  add(o, (key + ".text").c_str(), t.text);
  if (t.unix_ms)
    cJSON_AddNumberToObject(o, (key + ".unix_ms").c_str(), static_cast<double>(*t.unix_ms));
  else
    cJSON_AddNullToObject(o, (key + ".unix_ms").c_str());
}

const char *kind_label(swe::Kind k) { return ::kind_label(static_cast<swe_kind>(k)); }

const char *room_type_label(swe::RoomType t) {
  switch (t) {
  case swe::RoomType::absent: return "ABSENT";
  case swe::RoomType::group: return "GROUP";
  case swe::RoomType::direct: return "DIRECT";
  case swe::RoomType::other: return "OTHER";
  }
  return "?";
}
const char *team_label(swe::TeamKind t) {
  switch (t) {
  case swe::TeamKind::absent: return "ABSENT";
  case swe::TeamKind::id: return "ID";
  case swe::TeamKind::none: return "NONE";
  case swe::TeamKind::undefined: return "UNDEFINED";
  }
  return "?";
}
const char *mentions_label(swe::MentionsKind t) {
  switch (t) {
  case swe::MentionsKind::absent: return "ABSENT";
  case swe::MentionsKind::list: return "LIST";
  case swe::MentionsKind::items: return "ITEMS";
  case swe::MentionsKind::other: return "OTHER";
  }
  return "?";
}
const char *file_label(swe::FileForm t) {
  switch (t) {
  case swe::FileForm::url: return "URL";
  case swe::FileForm::object: return "OBJECT";
  case swe::FileForm::other: return "OTHER";
  }
  return "?";
}
const char *call_label(swe::CallKind t) {
  switch (t) {
  case swe::CallKind::absent: return "ABSENT";
  case swe::CallKind::placeholder: return "PLACEHOLDER";
  case swe::CallKind::object: return "OBJECT";
  case swe::CallKind::other: return "OTHER";
  }
  return "?";
}
const char *warning_label(swe::WarningCode c) {
  switch (c) {
  case swe::WarningCode::id_malformed: return "ID_MALFORMED";
  case swe::WarningCode::id_not_canonical: return "ID_NOT_CANONICAL";
  case swe::WarningCode::id_unexpected_type: return "ID_UNEXPECTED_TYPE";
  case swe::WarningCode::actor_mismatch: return "ACTOR_MISMATCH";
  case swe::WarningCode::timestamp_invalid: return "TIMESTAMP_INVALID";
  case swe::WarningCode::unknown_value: return "UNKNOWN_VALUE";
  case swe::WarningCode::missing_field: return "MISSING_FIELD";
  case swe::WarningCode::name_mismatch: return "NAME_MISMATCH";
  }
  return "?";
}

template <class E> void add_data_json(cJSON *o, const E &e, const char *key) {
  std::optional<std::string> json = e.data_json(key);
  std::string k = std::string("data.") + key;
  if (json)
    cJSON_AddStringToObject(o, k.c_str(), json->c_str());
  else
    cJSON_AddNullToObject(o, k.c_str());
}

template <class E> cJSON *fields_of(const E &e) {
  cJSON *f = cJSON_CreateObject();
  swe::Envelope env = e.envelope();
  cJSON_AddStringToObject(f, "envelope.kind", kind_label(env.kind));
  add(f, "envelope.name", env.name);
  add(f, "envelope.canonical_name", env.canonical_name);
  add(f, "envelope.resource", env.resource);
  add(f, "envelope.event", env.event);
  add(f, "envelope.actor_id", env.actor_id);
  add(f, "envelope.action", env.action);
  cJSON_AddBoolToObject(f, "envelope.wrapped", env.wrapped);
  if (auto m = e.message()) {
    add(f, "message.id", m->id);
    add(f, "message.room_id", m->room_id);
    cJSON_AddStringToObject(f, "message.room_type", room_type_label(m->room_type));
    add(f, "message.room_type_text", m->room_type_text);
    add(f, "message.text", m->text);
    add(f, "message.html", m->html);
    add(f, "message.person_id", m->person_id);
    add(f, "message.person_email", m->person_email);
    add_ts(f, "message.created", m->created);
    add(f, "message.to_person_id", m->to_person_id);
    add(f, "message.to_person_email", m->to_person_email);
    add(f, "message.actor_id", m->actor_id);
    add(f, "message.actor_name", m->actor_name);
    cJSON *files = cJSON_AddArrayToObject(f, "message.files");
    for (const swe::File &file : e.files()) {
      cJSON *o = cJSON_CreateObject();
      cJSON_AddStringToObject(o, "form", file_label(file.form));
      add(o, "url", file.url);
      add(o, "display_name", file.display_name);
      add(o, "object_type", file.object_type);
      add(o, "mime_type", file.mime_type);
      if (file.size)
        cJSON_AddNumberToObject(o, "size", static_cast<double>(*file.size));
      else
        cJSON_AddNullToObject(o, "size");
      cJSON_AddItemToArray(files, o);
    }
    cJSON_AddStringToObject(f, "message.mentions_kind", mentions_label(m->mentions_kind));
    cJSON *mentions = cJSON_AddArrayToObject(f, "message.mentions");
    for (const swe::Mention &mention : e.mentions()) {
      if (mention.id)
        cJSON_AddItemToArray(mentions, cJSON_CreateString(std::string(*mention.id).c_str()));
      else
        cJSON_AddItemToArray(mentions, cJSON_CreateNull());
    }
    add_data_json(f, e, "files");
    add_data_json(f, e, "mentionedPeople");
  } else if (auto r = e.room()) {
    add(f, "room.id", r->id);
    add(f, "room.title", r->title);
    cJSON_AddStringToObject(f, "room.room_type", room_type_label(r->room_type));
    add(f, "room.room_type_text", r->room_type_text);
    if (r->is_locked)
      cJSON_AddBoolToObject(f, "room.is_locked", *r->is_locked);
    else
      cJSON_AddNullToObject(f, "room.is_locked");
    cJSON_AddStringToObject(f, "room.team_kind", team_label(r->team_kind));
    add(f, "room.team_id", r->team_id);
    add_ts(f, "room.last_activity", r->last_activity);
    add_ts(f, "room.created", r->created);
    add(f, "room.actor_id", r->actor_id);
    add(f, "room.actor_name", r->actor_name);
    add_data_json(f, e, "tags");
  } else if (auto c = e.call()) {
    add(f, "call.room_id", c->room_id);
    add(f, "call.person_id", c->person_id);
    add(f, "call.person_email", c->person_email);
    add(f, "call.actor_id", c->actor_id);
    add(f, "call.actor_name", c->actor_name);
    cJSON_AddStringToObject(f, "call.call_kind", call_label(c->call_kind));
    add(f, "call.call_id", c->call_id);
    add(f, "call.call_status", c->call_status);
    add(f, "call.call_state", c->call_state);
    add(f, "call.call_direction", c->call_direction);
    add(f, "call.call_locus_url", c->call_locus_url);
    add(f, "call.call_correlation_id", c->call_correlation_id);
    add_data_json(f, e, "call");
  } else if (auto ms = e.membership()) {
    add(f, "membership.id", ms->id);
    add(f, "membership.room_id", ms->room_id);
    add(f, "membership.person_id", ms->person_id);
    add(f, "membership.person_email", ms->person_email);
    add_ts(f, "membership.created", ms->created);
    add(f, "membership.actor_id", ms->actor_id);
    add(f, "membership.actor_name", ms->actor_name);
  } else if (auto n = e.notification()) {
    add(f, "notification.username", n->username);
    add(f, "notification.message", n->message);
    add(f, "notification.avatar", n->avatar);
    add(f, "notification.alert_type", n->alert_type);
    add(f, "notification.notification_id", n->notification_id);
    add_data_json(f, e, "notification");
  } else if (auto mc = e.mention_clicked()) {
    add(f, "mention_clicked.id", mc->id);
    add(f, "mention_clicked.mention_type", mc->mention_type);
  } else if (auto a = e.activity()) {
    add(f, "activity.name", a->name);
    add(f, "activity.display_name", a->display_name);
    add(f, "activity.activity_type", a->activity_type);
  } else if (auto u = e.user()) {
    add(f, "user.id", u->id);
    add(f, "user.display_name", u->display_name);
  } else if (auto cm = e.call_membership()) {
    add(f, "call_membership.actor_id", cm->actor_id);
    add(f, "call_membership.actor_name", cm->actor_name);
    add(f, "call_membership.room_id", cm->room_id);
  }
  return f;
}

template <class E> cJSON *event_outcome(const E &e, bool with_fields) {
  cJSON *ev = cJSON_CreateObject();
  add(ev, "name", e.name());
  cJSON_AddStringToObject(ev, "kind", kind_label(e.kind()));
  if (with_fields) cJSON_AddItemToObject(ev, "fields", fields_of(e));
  cJSON *ws = cJSON_AddArrayToObject(ev, "warnings");
  for (const swe::Warning &w : e.warnings()) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "code", warning_label(w.code));
    add(o, "path", w.path);
    cJSON_AddItemToArray(ws, o);
  }
  cJSON_AddStringToObject(ev, "json", e.to_json().c_str());
  cJSON *out = cJSON_CreateObject();
  cJSON_AddItemToObject(out, "event", ev);
  return out;
}

cJSON *error_outcome(const swe::Error &err) {
  cJSON *o = cJSON_CreateObject();
  const char *status = err.status_name();
  if (std::strncmp(status, "SWE_ERROR_", 10) == 0) status += 10;
  cJSON_AddStringToObject(o, "status", status);
  cJSON_AddNumberToObject(o, "line", static_cast<double>(err.line()));
  cJSON_AddNumberToObject(o, "column", static_cast<double>(err.column()));
  cJSON_AddNumberToObject(o, "offset", static_cast<double>(err.offset()));
  cJSON_AddStringToObject(o, "path", err.path().c_str());
  cJSON *out = cJSON_CreateObject();
  cJSON_AddItemToObject(out, "error", o);
  return out;
}

swe::ParseOptions case_options(const cJSON *c) {
  swe::ParseOptions o;
  const cJSON *syntax = cJSON_GetObjectItemCaseSensitive(c, "syntax");
  if (cJSON_IsString(syntax) && std::strcmp(syntax->valuestring, "literal") == 0)
    o.syntax(swe::Syntax::literal);
  const cJSON *opts = cJSON_GetObjectItemCaseSensitive(c, "options");
  if (cJSON_IsObject(opts)) {
    const std::pair<const char *, swe::Limit> limits[] = {
        {"max_input_bytes", swe::Limit::max_input_bytes},
        {"max_depth", swe::Limit::max_depth},
        {"max_string_bytes", swe::Limit::max_string_bytes}};
    for (const auto &[key, limit] : limits) {
      const cJSON *v = cJSON_GetObjectItemCaseSensitive(opts, key);
      if (cJSON_IsNumber(v)) o.limit(limit, static_cast<std::size_t>(v->valuedouble));
    }
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(opts, "warnings_as_errors"))) o.warnings_as_errors();
  }
  return o;
}

} // namespace

static cJSON *run_case(const cJSON *c, const char **problem) {
  std::size_t len = 0;
  char *raw = case_input(c, &len, problem);
  if (!raw) return nullptr;
  std::string input(raw, len);
  std::free(raw);
  swe::ParseOptions options = case_options(c);
  const cJSON *stream = cJSON_GetObjectItemCaseSensitive(c, "stream");
  if (stream) {
    cJSON *outcomes = cJSON_CreateArray();
    swe::Emitter emitter;
    swe::Subscription all =
        emitter.on("*", [outcomes](const swe::EventRef &e) { cJSON_AddItemToArray(outcomes, event_outcome(e, false)); });
    swe::Stream s(options);
    auto on_error = [outcomes](const swe::Error &err) { cJSON_AddItemToArray(outcomes, error_outcome(err)); };
    std::size_t at = 0;
    const cJSON *split;
    cJSON_ArrayForEach(split, cJSON_GetObjectItemCaseSensitive(stream, "chunks")) {
      std::size_t to = static_cast<std::size_t>(split->valuedouble);
      if (to > len) to = len;
      if (to < at) continue;
      s.feed(std::string_view(input).substr(at, to - at), emitter, on_error);
      at = to;
    }
    s.feed(std::string_view(input).substr(at), emitter, on_error);
    s.finish(emitter, on_error);
    cJSON *result = cJSON_CreateObject();
    cJSON_AddItemToObject(result, "outcomes", outcomes);
    return result;
  }
  swe::Result<swe::Event> parsed = swe::try_parse(input, options);
  if (!parsed.ok()) return error_outcome(parsed.error());
  return event_outcome(parsed.value(), true);
}

int main(int argc, char **argv) { return runner_main(argc, argv); }
