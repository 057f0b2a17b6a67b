/*
 * A host that receives Spaces Widget events, as a desktop app embedding the widget would: the
 * C host of examples/c/host.c, written against the C++ binding.
 *
 *   host [FILE | -]
 *
 * Reads one JSON event per line (from FILE, standard input with "-", or by default the
 * bundled examples/data/events.ndjson) through a stream fed in chunks, hands each event to an
 * emitter, and prints one line per event from typed views, with its warnings. A listener on
 * "*" receives every event as JSON text and prints the ones the library does not know. A bad
 * line is reported with its line number and position, and reading goes on.
 */
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spaces_widget_events.hpp"

#ifndef SWE_DEFAULT_EVENTS
#define SWE_DEFAULT_EVENTS "examples/data/events.ndjson"
#endif

namespace {

// Printed by print_event.
constexpr std::array<std::string_view, 6> kBriefEvents = {"messages:created", "rooms:unread",
                                                          "rooms:read",       "calls:created",
                                                          "calls:connected",  "calls:disconnected"};

// Printed by print_other_event.
constexpr std::array<std::string_view, 9> kOtherEvents = {
    "rooms:selected", "memberships:*",   "calls:memberships:*",
    "notification:*", "mention:clicked", "activity:changed",
    "add:clicked",    "profile:clicked", "user_signout:clicked"};

// What the listeners count; the emitter calls them on the reading thread.
struct Tally {
  std::size_t events = 0;
  std::size_t json_bytes = 0;
  std::size_t warnings = 0;
  std::size_t bad_lines = 0;
};

// Writes " label=value" when the value is present.
void put(std::string_view label, std::optional<std::string_view> value) {
  if (value) {
    std::cout << ' ' << label << '=' << *value;
  }
}

// Writes a Webex id as TYPE/local-id, which people can read, or as it is when it is none.
void put_id(std::string_view label, std::optional<std::string_view> value) {
  if (!value) {
    return;
  }
  swe::Result<swe::Id> id = swe::Id::try_parse(*value);
  if (!id) {
    put(label, value);
    return;
  }
  std::cout << ' ' << label << '=' << id->type() << '/' << id->local_id();
}

// Writes the event's warnings under its line.
void put_warnings(const swe::EventRef &event, Tally &tally) {
  for (const swe::Warning &w : event.warnings()) {
    std::cout << std::string(20, ' ') << " warning " << w.path << ": " << w.message << '\n';
    tally.warnings++;
  }
}

// Writes a value shortened to a readable width, in quotes.
void put_short(std::string_view label, std::optional<std::string_view> value,
               std::size_t width = 40) {
  if (value) {
    std::cout << ' ' << label << "=\"" << value->substr(0, width)
              << (value->size() > width ? "..." : "") << '"';
  }
}

void put_time(std::string_view label, const swe::Timestamp &time) {
  if (!time.text) {
    return;
  }
  std::cout << ' ' << label << '=' << *time.text;
  if (time.unix_ms) {
    std::cout << " (" << *time.unix_ms << " ms)";
  } else {
    std::cout << " (unreadable)";
  }
}

void print_message(const swe::EventRef &event) {
  std::optional<swe::Message> m = event.message();
  if (!m) {
    return;
  }
  put_id("room", m->room_id);
  put("type", m->room_type_text);
  put("from", m->person_email);
  put_short("text", m->text);
  put_time("created", m->created);
  for (const swe::File &file : event.files()) {
    put_short("file", file.display_name ? file.display_name : file.url);
  }
  if (m->mention_count > 0) {
    std::cout << " mentions=" << m->mention_count;
  }
}

void print_room(const swe::EventRef &event) {
  std::optional<swe::Room> r = event.room();
  if (!r) {
    return;
  }
  put_id("room", r->id);
  put_short("title", r->title);
  put("type", r->room_type_text);
  if (r->is_locked) {
    std::cout << " locked=" << (*r->is_locked ? "yes" : "no");
  }
  if (r->team_kind == swe::TeamKind::none || r->team_kind == swe::TeamKind::undefined) {
    std::cout << " team=none";
  } else {
    put_id("team", r->team_id);
  }
  put_time("last_activity", r->last_activity);
}

void print_call(const swe::EventRef &event) {
  std::optional<swe::Call> c = event.call();
  if (!c) {
    return;
  }
  put_id("room", c->room_id);
  put("person", c->person_email);
  put("actor", c->actor_name);
  switch (c->call_kind) {
  case swe::CallKind::object:
    put("call", c->call_id);
    put("state", c->call_state);
    put("status", c->call_status);
    put("direction", c->call_direction);
    break;
  case swe::CallKind::placeholder:
    put("call", c->call_json);
    break;
  default:
    std::cout << " call=none";
  }
}

// The typed listener for the six events of the brief.
void print_event(const swe::EventRef &event, Tally &tally) {
  std::cout << std::left << std::setw(20) << event.name();
  switch (event.kind()) {
  case swe::Kind::messages_created:
    print_message(event);
    break;
  case swe::Kind::rooms_unread:
  case swe::Kind::rooms_read:
    print_room(event);
    break;
  default:
    print_call(event);
  }
  std::cout << '\n';
  put_warnings(event, tally);
}

// The typed listener for the other events of the widget family.
void print_other_event(const swe::EventRef &event, Tally &tally) {
  std::cout << std::left << std::setw(20) << event.name();
  if (std::optional<swe::Membership> m = event.membership()) {
    put_id("room", m->room_id);
    put("person", m->person_email);
    put_time("created", m->created);
  } else if (std::optional<swe::CallMembership> c = event.call_membership()) {
    put_id("room", c->room_id);
    put("actor", c->actor_name);
  } else if (std::optional<swe::MentionClicked> mention = event.mention_clicked()) {
    put("type", mention->mention_type);
    put_id("id", mention->id);
  } else if (std::optional<swe::Activity> a = event.activity()) {
    put("activity", a->name);
    put("display_name", a->display_name);
  } else if (std::optional<swe::Notification> n = event.notification()) {
    put("from", n->username);
    put_short("message", n->message);
    put("notification", n->notification_json);
  } else if (std::optional<swe::Room> r = event.room()) {
    put_id("room", r->id);
    put_short("title", r->title);
    put("action", event.envelope().action);
  }
  std::cout << '\n';
  put_warnings(event, tally);
}

// The JSON listener on "*": sees every event, known or not, as compact JSON.
void count_json(std::string_view name, std::string_view json, Tally &tally) {
  tally.events++;
  tally.json_bytes += json.size();
  if (swe::kind_from_name(name) == swe::Kind::unknown) {
    std::cout << std::left << std::setw(20) << name << " (unknown) " << json.substr(0, 60) << '\n';
  }
}

// Reports a bad line; the stream goes on.
void report(const swe::Error &error, Tally &tally) {
  std::cout << "line " << error.line() << ": " << error.status_name() << " at column "
            << error.column();
  if (!error.path().empty()) {
    std::cout << " (" << error.path() << ')';
  }
  std::cout << ": " << error.message() << '\n';
  tally.bad_lines++;
}

} // namespace

int main(int argc, char **argv) {
  const std::string path = argc > 1 ? argv[1] : SWE_DEFAULT_EVENTS;
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      std::cerr << path << ": " << std::strerror(errno) << '\n';
      return 2;
    }
  }
  std::istream &in = path == "-" ? std::cin : file;
  if (!swe::abi_compatible()) {
    std::cerr << "libspaces_widget_events " << swe::library_version()
              << " implements another ABI than this header\n";
    return 1;
  }

  swe::Emitter emitter;
  swe::Stream stream;
  Tally tally;
  std::vector<swe::Subscription> subscriptions;
  for (std::string_view name : kBriefEvents) {
    subscriptions.push_back(
        emitter.on(name, [&tally](const swe::EventRef &event) { print_event(event, tally); }));
  }
  for (std::string_view name : kOtherEvents) {
    subscriptions.push_back(emitter.on(
        name, [&tally](const swe::EventRef &event) { print_other_event(event, tally); }));
  }
  subscriptions.push_back(emitter.on("*", [&tally](std::string_view name, std::string_view json) {
    count_json(name, json, tally);
  }));

  // Chunks of any size work: a line may span several reads.
  auto on_bad_line = [&tally](const swe::Error &error) { report(error, tally); };
  std::array<char, 4096> chunk;
  while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
    stream.feed(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())), emitter,
                on_bad_line);
  }
  stream.finish(emitter, on_bad_line);

  std::cout << '\n'
            << tally.events << " events (" << tally.json_bytes << " bytes of JSON delivered), "
            << tally.warnings << " warnings, " << tally.bad_lines << " bad lines, library "
            << swe::library_version() << '\n';
  return 0;
}
