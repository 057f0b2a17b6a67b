/*
 * A host that receives Spaces Widget events, as a desktop app embedding the widget would: the
 * C host of examples/c/host.c, written against the C++ binding.
 *
 *   host [FILE | -]
 *
 * Reads one JSON event per line (from FILE, standard input with "-", or by default the
 * bundled examples/data/events.ndjson), hands each line to an emitter, and prints one line
 * per event from typed views. A listener on "*" receives every event as JSON text. A bad line
 * is reported with its line number and position, and reading goes on.
 */
#include <algorithm>
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

constexpr std::array<std::string_view, 6> kBriefEvents = {"messages:created", "rooms:unread",
                                                          "rooms:read",       "calls:created",
                                                          "calls:connected",  "calls:disconnected"};

// What the listeners count; the emitter calls them on the reading thread.
struct Tally {
  std::size_t events = 0;
  std::size_t json_bytes = 0;
  std::size_t warnings = 0;
};

// Writes " label=value" when the value is present.
void put(std::string_view label, std::optional<std::string_view> value) {
  if (value) {
    std::cout << ' ' << label << '=' << *value;
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
  put("room", m->room_id);
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
  put("room", r->id);
  put_short("title", r->title);
  put("type", r->room_type_text);
  if (r->is_locked) {
    std::cout << " locked=" << (*r->is_locked ? "yes" : "no");
  }
  if (r->team_kind == swe::TeamKind::none || r->team_kind == swe::TeamKind::undefined) {
    std::cout << " team=none";
  } else {
    put("team", r->team_id);
  }
  put_time("last_activity", r->last_activity);
}

void print_call(const swe::EventRef &event) {
  std::optional<swe::Call> c = event.call();
  if (!c) {
    return;
  }
  put("room", c->room_id);
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
  for (const swe::Warning &w : event.warnings()) {
    std::cout << std::string(20, ' ') << " warning " << w.path << ": " << w.message << '\n';
    tally.warnings++;
  }
}

// The JSON listener on "*": sees every event, known or not, as compact JSON.
void count_json(std::string_view name, std::string_view json, Tally &tally) {
  tally.events++;
  tally.json_bytes += json.size();
  if (std::find(kBriefEvents.begin(), kBriefEvents.end(), name) != kBriefEvents.end()) {
    return; // printed by print_event
  }
  std::cout << std::left << std::setw(20) << name << " (other) " << json.substr(0, 60) << '\n';
}

void report(std::size_t number, const swe::Error &error) {
  std::cout << "line " << number << ": " << error.status_name() << " at column " << error.column();
  if (!error.path().empty()) {
    std::cout << " (" << error.path() << ')';
  }
  std::cout << ": " << error.message() << '\n';
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
  Tally tally;
  std::vector<swe::Subscription> subscriptions;
  for (std::string_view name : kBriefEvents) {
    subscriptions.push_back(
        emitter.on(name, [&tally](const swe::EventRef &event) { print_event(event, tally); }));
  }
  subscriptions.push_back(emitter.on("*", [&tally](std::string_view name, std::string_view json) {
    count_json(name, json, tally);
  }));

  std::string line;
  std::size_t number = 0, bad = 0;
  while (std::getline(in, line)) {
    number++;
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
      line.pop_back();
    }
    if (line.empty()) {
      continue;
    }
    swe::Result<std::size_t> delivered = emitter.try_emit_json(line);
    if (!delivered) {
      report(number, delivered.error());
      bad++;
    }
  }

  std::cout << '\n'
            << tally.events << " events (" << tally.json_bytes << " bytes of JSON delivered), "
            << tally.warnings << " warnings, " << bad << " bad lines, library "
            << swe::library_version() << '\n';
  return 0;
}
