/*
 * A host that receives Spaces Widget events, as a desktop app embedding the widget would.
 *
 *   host [FILE | -]
 *
 * Reads one JSON event per line (from FILE, standard input with "-", or by default the
 * bundled examples/data/events.ndjson) through a stream fed in chunks, hands each event to an
 * emitter, and prints one line per event from typed struct views, with its warnings. A
 * listener on "*" receives every event as JSON text and prints the ones the library does not
 * know. A bad line is reported with its line number and position, and reading goes on.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spaces_widget_events.h"

#ifndef SWE_DEFAULT_EVENTS
#define SWE_DEFAULT_EVENTS "examples/data/events.ndjson"
#endif

static const char *const BRIEF_EVENTS[] = {"messages:created", "rooms:unread",    "rooms:read",
                                           "calls:created",    "calls:connected", "calls:disconnected"};

/* What the listeners count; the emitter calls them on this thread. */
typedef struct {
  size_t events;
  size_t json_bytes;
  size_t warnings;
  size_t bad_lines;
} tally;

/* Prints a string view; nothing when absent. */
static void put(const char *label, swe_str s) {
  if (s.ptr != NULL) {
    printf(" %s=%.*s", label, (int)s.len, s.ptr);
  }
}

/* Prints a Webex id as TYPE/local-id, which people can read, or as it is when it is none. */
static void put_id(const char *label, swe_str s) {
  swe_id *id = NULL;
  if (s.ptr == NULL) {
    return;
  }
  if (swe_id_parse(s.ptr, s.len, &id, NULL) != SWE_OK) {
    put(label, s);
    return;
  }
  swe_str type = swe_id_type(id), local = swe_id_local_id(id);
  printf(" %s=%.*s/%.*s", label, (int)type.len, type.ptr, (int)local.len, local.ptr);
  swe_id_free(id);
}

/* Prints the event's warnings under its line. */
static void put_warnings(const swe_event *event, tally *t) {
  size_t count = swe_event_warning_count(event);
  for (size_t i = 0; i < count; i++) {
    swe_warning_view w;
    if (swe_event_warning(event, i, &w, NULL) == SWE_OK) {
      printf("%20s warning %.*s: %.*s\n", "", (int)w.path.len, w.path.ptr, (int)w.message.len,
             w.message.ptr);
      t->warnings++;
    }
  }
}

/* Prints a view shortened to a readable width. */
static void put_short(const char *label, swe_str s, int width) {
  if (s.ptr != NULL) {
    int len = (int)s.len;
    printf(" %s=\"%.*s%s\"", label, len < width ? len : width, s.ptr, len > width ? "..." : "");
  }
}

static void put_time(const char *label, swe_timestamp t) {
  if (t.text.ptr == NULL) {
    return;
  }
  if (t.valid) {
    printf(" %s=%.*s (%" PRId64 " ms)", label, (int)t.text.len, t.text.ptr, t.unix_ms);
  } else {
    printf(" %s=%.*s (unreadable)", label, (int)t.text.len, t.text.ptr);
  }
}

static void print_message(const swe_event *event) {
  swe_message_view m;
  if (swe_event_message(event, &m, NULL) != SWE_OK) {
    return;
  }
  put_id("room", m.room_id);
  put("type", m.room_type_text);
  put("from", m.person_email);
  put_short("text", m.text, 40);
  put_time("created", m.created);
  for (size_t i = 0; i < m.file_count; i++) {
    swe_file_view file;
    if (swe_event_file(event, i, &file, NULL) == SWE_OK) {
      put_short("file", file.display_name.ptr ? file.display_name : file.url, 40);
    }
  }
  if (m.mention_count > 0) {
    printf(" mentions=%zu", m.mention_count);
  }
}

static void print_room(const swe_event *event) {
  swe_room_view r;
  if (swe_event_room(event, &r, NULL) != SWE_OK) {
    return;
  }
  put_id("room", r.id);
  put_short("title", r.title, 40);
  put("type", r.room_type_text);
  if (r.has_is_locked) {
    printf(" locked=%s", r.is_locked ? "yes" : "no");
  }
  if (r.team_kind == SWE_TEAM_NONE || r.team_kind == SWE_TEAM_UNDEFINED) {
    printf(" team=none");
  } else {
    put_id("team", r.team_id);
  }
  put_time("last_activity", r.last_activity);
}

static void print_call(const swe_event *event) {
  swe_call_view c;
  if (swe_event_call(event, &c, NULL) != SWE_OK) {
    return;
  }
  put_id("room", c.room_id);
  put("person", c.person_email);
  put("actor", c.actor_name);
  switch (c.call_kind) {
  case SWE_CALL_OBJECT:
    put("call", c.call_id);
    put("state", c.call_state);
    put("status", c.call_status);
    put("direction", c.call_direction);
    break;
  case SWE_CALL_PLACEHOLDER:
    put("call", c.call_json);
    break;
  default:
    printf(" call=none");
  }
}

/* The struct-view listener for the six events of the brief. */
static int32_t on_event(void *user_data, const swe_event *event) {
  tally *t = user_data;
  swe_envelope_view env;
  if (swe_event_envelope(event, &env, NULL) != SWE_OK) {
    return 1;
  }
  printf("%-20.*s", (int)env.name.len, env.name.ptr);
  switch (env.kind) {
  case SWE_KIND_MESSAGES_CREATED:
    print_message(event);
    break;
  case SWE_KIND_ROOMS_UNREAD:
  case SWE_KIND_ROOMS_READ:
    print_room(event);
    break;
  default:
    print_call(event);
  }
  printf("\n");
  put_warnings(event, t);
  return 0;
}

/* The struct-view listener for the other events of the widget family. */
static int32_t on_other_event(void *user_data, const swe_event *event) {
  tally *t = user_data;
  swe_envelope_view env;
  if (swe_event_envelope(event, &env, NULL) != SWE_OK) {
    return 1;
  }
  printf("%-20.*s", (int)env.name.len, env.name.ptr);
  swe_membership_view membership;
  swe_call_membership_view call_membership;
  swe_mention_clicked_view mention;
  swe_activity_view activity;
  swe_notification_view notification;
  swe_room_view room;
  if (swe_event_membership(event, &membership, NULL) == SWE_OK) {
    put_id("room", membership.room_id);
    put("person", membership.person_email);
    put_time("created", membership.created);
  } else if (swe_event_call_membership(event, &call_membership, NULL) == SWE_OK) {
    put_id("room", call_membership.room_id);
    put("actor", call_membership.actor_name);
  } else if (swe_event_mention_clicked(event, &mention, NULL) == SWE_OK) {
    put("type", mention.mention_type);
    put_id("id", mention.id);
  } else if (swe_event_activity(event, &activity, NULL) == SWE_OK) {
    put("activity", activity.name);
    put("display_name", activity.display_name);
  } else if (swe_event_notification(event, &notification, NULL) == SWE_OK) {
    put("from", notification.username);
    put_short("message", notification.message, 40);
    put("notification", notification.notification_json);
  } else if (swe_event_room(event, &room, NULL) == SWE_OK) {
    put_id("room", room.id);
    put_short("title", room.title, 40);
    put("action", env.action);
  }
  printf("\n");
  put_warnings(event, t);
  return 0;
}

/* The JSON listener on "*": sees every event, known or not, as compact JSON. */
static int32_t on_json(void *user_data, swe_str name, swe_str json) {
  tally *t = user_data;
  t->events++;
  t->json_bytes += json.len;
  if (swe_kind_from_name(name.ptr, name.len) == SWE_KIND_UNKNOWN) {
    printf("%-20.*s (unknown) %.*s\n", (int)name.len, name.ptr, json.len > 60 ? 60 : (int)json.len,
           json.ptr);
  }
  return 0;
}

/* Reports a bad line; the stream goes on. */
static int32_t on_bad_line(void *user_data, const swe_error *error) {
  tally *t = user_data;
  swe_str message = swe_error_message(error);
  swe_str field = swe_error_path(error);
  printf("line %zu: %s at column %zu%s%.*s%s: %.*s\n", swe_error_line(error),
         swe_status_str(swe_error_code(error)), swe_error_column(error), field.len ? " (" : "",
         (int)field.len, field.ptr, field.len ? ")" : "", (int)message.len, message.ptr);
  t->bad_lines++;
  return 0;
}

static const char *const OTHER_EVENTS[] = {
    "rooms:selected",  "memberships:*",    "calls:memberships:*", "notification:*",
    "mention:clicked", "activity:changed", "add:clicked",         "profile:clicked",
    "user_signout:clicked"};

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : SWE_DEFAULT_EVENTS;
  FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (in == NULL) {
    perror(path);
    return 2;
  }

  swe_emitter *emitter = NULL;
  swe_stream *stream = NULL;
  tally t = {0, 0, 0, 0};
  if (swe_emitter_new(&emitter, NULL) != SWE_OK || swe_stream_new(NULL, &stream, NULL) != SWE_OK) {
    return 1;
  }
  uint64_t id;
  for (size_t i = 0; i < sizeof BRIEF_EVENTS / sizeof BRIEF_EVENTS[0]; i++) {
    swe_emitter_on_event(emitter, BRIEF_EVENTS[i], strlen(BRIEF_EVENTS[i]), on_event, &t, NULL, &id,
                         NULL);
  }
  for (size_t i = 0; i < sizeof OTHER_EVENTS / sizeof OTHER_EVENTS[0]; i++) {
    swe_emitter_on_event(emitter, OTHER_EVENTS[i], strlen(OTHER_EVENTS[i]), on_other_event, &t,
                         NULL, &id, NULL);
  }
  swe_emitter_on_json(emitter, "*", 1, on_json, &t, NULL, &id, NULL);

  /* Chunks of any size work: a line may span several reads. */
  char chunk[4096];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, in)) > 0) {
    swe_stream_feed(stream, chunk, got, emitter, on_bad_line, &t, NULL);
  }
  swe_stream_finish(stream, emitter, on_bad_line, &t, NULL);
  if (in != stdin) {
    fclose(in);
  }
  swe_stream_free(stream);
  swe_emitter_free(emitter);

  printf("\n%zu events (%zu bytes of JSON delivered), %zu warnings, %zu bad lines, library %s\n",
         t.events, t.json_bytes, t.warnings, t.bad_lines, swe_version());
  return 0;
}
