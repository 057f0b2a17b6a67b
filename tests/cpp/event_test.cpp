// Parsing and reading events through the C++ binding: every kind with exact values, options,
// errors, JSON output and moves of the owners.
#include "check.hpp"

#include <stdexcept>

namespace {

constexpr std::string_view kActor =
    "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xZjdkZTVjYi04NTYxLTQ2NzEtYmMwMy1iYzk3NDMxNDQ0MmQ";
constexpr std::string_view kRoom =
    "Y2lzY29zcGFyazovL3VzL1JPT00vYmJjZWIxYWQtNDNmMS0zYjU4LTkxNDctZjE0YmIwYzRkMTU0";
constexpr std::string_view kMessage =
    "Y2lzY29zcGFyazovL3VzL01FU1NBR0UvOTJkYjNiZTAtNDNiZC0xMWU2LThhZTktZGQ1YjNkZmM1NjVk";
constexpr std::string_view kPersonB =
    "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mNWIzNjE4Ny1jOGRkLTQ3MjctOGIyZi1mOWM0NDdmMjkwNDY";
constexpr std::string_view kTeamAsRoom =
    "Y2lzY29zcGFyazovL3VzL1JPT00vNjRlNDVhZTAtYzQ2Yi0xMWU1LTlkZjktMGQ0MWUzNDIxOTcz";

swe::Event event(const char *file) {
  return swe::parse(check::file(std::string("tests/data/events/") + file));
}

} // namespace

TEST(message_with_url_file_reads_every_field) {
  swe::Event e = event("widget-recents.messages-created.docs.json");
  swe::Envelope env = e.envelope();
  CHECK_EQ(env.kind, swe::Kind::messages_created);
  CHECK_EQ(env.name, "messages:created");
  CHECK_EQ(env.canonical_name, "messages:created");
  CHECK_EQ(env.resource, "messages");
  CHECK_EQ(env.event, "created");
  CHECK_EQ(env.actor_id, kActor);
  CHECK_EQ(env.action, std::nullopt);
  CHECK_EQ(env.wrapped, false);
  CHECK_EQ(env.warning_count, 1u);

  std::optional<swe::Message> m = e.message();
  CHECK(m.has_value());
  CHECK_EQ(m->id, kMessage);
  CHECK_EQ(m->room_id, kRoom);
  CHECK_EQ(m->room_type, swe::RoomType::group);
  CHECK_EQ(m->room_type_text, "group");
  CHECK_EQ(m->text, "This is a test");
  CHECK_EQ(m->html, "This is a <b>test</b>");
  CHECK_EQ(m->person_id, kPersonB);
  CHECK_EQ(m->person_email, "user-b@example.com");
  CHECK_EQ(m->created.text, "2015-10-18T14:26:16+00:00");
  CHECK_EQ(m->created.unix_ms, std::int64_t{1445178376000});
  CHECK_EQ(m->to_person_email, "user-a@example.com");
  CHECK_EQ(m->actor_id, std::nullopt);
  CHECK_EQ(m->actor_name, std::nullopt);
  CHECK_EQ(m->file_count, 1u);
  CHECK_EQ(m->files_json, R"(["http://www.example.com/images/media.png"])");
  CHECK_EQ(m->mentions_kind, swe::MentionsKind::list);
  CHECK_EQ(m->mention_count, 0u);
  CHECK_EQ(m->mentions_json, "[]");

  std::vector<swe::File> files = e.files();
  CHECK_EQ(files.size(), 1u);
  CHECK_EQ(files.at(0).form, swe::FileForm::url);
  CHECK_EQ(files.at(0).url, "http://www.example.com/images/media.png");
  CHECK_EQ(files.at(0).display_name, std::nullopt);
  CHECK_EQ(files.at(0).size, std::nullopt);
  CHECK(!e.file(1).has_value());
  CHECK(e.mentions().empty());

  std::optional<swe::Warning> w = e.warning(0);
  CHECK(w.has_value());
  CHECK_EQ(w->code, swe::WarningCode::id_not_canonical);
  CHECK_EQ(w->path, "data.toPersonId");
  CHECK_EQ(w->message, "id is not in canonical form (unpadded base64url with zero trailing bits)");
  CHECK_EQ(w->offset, 389u);
  CHECK(!e.warning(1).has_value());

  CHECK(!e.room().has_value());
  CHECK(!e.call().has_value());
}

TEST(message_with_file_object_and_mention) {
  swe::Event e = event("space.messages-created.direct-mentions-files.json");
  std::optional<swe::Message> m = e.message();
  CHECK(m.has_value());
  CHECK_EQ(m->room_type, swe::RoomType::direct);
  CHECK_EQ(m->actor_name, "Example User A");
  CHECK_EQ(m->actor_id, kActor);
  CHECK_EQ(m->created.unix_ms, std::int64_t{1614879236767});
  CHECK_EQ(m->to_person_email, "user-b@example.com");
  std::optional<swe::File> f = e.file(0);
  CHECK(f.has_value());
  CHECK_EQ(f->form, swe::FileForm::object);
  CHECK_EQ(f->display_name, "report.pdf");
  CHECK_EQ(f->object_type, "file");
  CHECK_EQ(f->mime_type, "application/pdf");
  CHECK_EQ(f->size, std::uint64_t{48213});
  CHECK_EQ(f->url, "https://files.example.com/v1/spaces/0000/contents/0000/versions/0000/bytes");
  std::vector<swe::Mention> mentions = e.mentions();
  CHECK_EQ(mentions.size(), 1u);
  CHECK_EQ(mentions.at(0).id,
           "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmU");
  CHECK_EQ(e.warning_count(), 0u);
  CHECK(e.warnings().empty());
}

TEST(message_from_2017_reads_space_id_as_room_id) {
  swe::Event e = event("widget-message-meet.messages-created.docs-2017-02.json");
  std::optional<swe::Message> m = e.message();
  CHECK(m.has_value());
  CHECK_EQ(m->room_id,
           "Y2lzY29zcGFyazovL3VzL1JPT00vY2RlMWRkNDAtMmYwZC0xMWU1LWJhOWMtN2I2NTU2ZDIyMDdi");
  CHECK_EQ(m->room_type, swe::RoomType::absent);
  CHECK_EQ(m->room_type_text, std::nullopt);
  CHECK_EQ(m->text, std::nullopt);
  CHECK_EQ(m->mentions_kind, swe::MentionsKind::absent);
  CHECK_EQ(e.warning(0)->code, swe::WarningCode::missing_field);
  CHECK_EQ(e.warning(0)->path, "data.roomType");
}

TEST(wrapped_event_keeps_its_form) {
  swe::Event e = event("bridge.name-and-detail.json");
  CHECK_EQ(e.envelope().wrapped, true);
  CHECK_EQ(e.name(), "messages:created");
  CHECK_EQ(e.message()->text, "x");
  std::string json = e.to_json();
  CHECK_EQ(json.substr(0, 46), R"({"name":"messages:created","detail":{"resource)");
  std::string detail = e.to_json(swe::JsonOptions().form(swe::JsonForm::detail));
  CHECK_EQ(detail.substr(0, 24), R"({"resource":"messages",")");
  CHECK_EQ(json, R"({"name":"messages:created","detail":)" + detail + "}");
}

TEST(rooms_unread_with_team_warns_about_room_id) {
  swe::Event e = event("widget-space.rooms-unread.docs.json");
  CHECK_EQ(e.kind(), swe::Kind::rooms_unread);
  std::optional<swe::Room> r = e.room();
  CHECK(r.has_value());
  CHECK_EQ(r->id, kRoom);
  CHECK_EQ(r->title, "Project Unicorn - Sprint 0");
  CHECK_EQ(r->room_type, swe::RoomType::group);
  CHECK_EQ(r->room_type_text, "group");
  CHECK_EQ(r->is_locked, true);
  CHECK_EQ(r->team_kind, swe::TeamKind::id);
  CHECK_EQ(r->team_id, kTeamAsRoom);
  CHECK_EQ(r->last_activity.text, "2016-04-21T19:12:48.920Z");
  CHECK_EQ(r->last_activity.unix_ms, std::int64_t{1461265968920});
  CHECK_EQ(r->created.unix_ms, std::int64_t{1461265315966});
  CHECK_EQ(r->actor_name, "Example User A");
  CHECK_EQ(r->actor_id, std::nullopt);
  CHECK_EQ(r->tags_json, std::nullopt);
  std::vector<swe::Warning> w = e.warnings();
  CHECK_EQ(w.size(), 1u);
  CHECK_EQ(w.at(0).code, swe::WarningCode::id_unexpected_type);
  CHECK_EQ(w.at(0).path, "data.teamId");
  CHECK_EQ(w.at(0).message, "expected a TEAM id, found a ROOM id");
  CHECK(!e.message().has_value());
}

TEST(rooms_unread_without_team) {
  swe::Event e = event("space.rooms-unread.no-team.json");
  std::optional<swe::Room> r = e.room();
  CHECK_EQ(r->team_kind, swe::TeamKind::none);
  CHECK_EQ(r->team_id, "");
  CHECK_EQ(r->is_locked, false);
  CHECK_EQ(r->actor_id, kActor);
  CHECK_EQ(e.envelope().actor_id, kActor);
}

TEST(rooms_read_reads_actor) {
  swe::Event e = event("widget-space.rooms-read.docs.json");
  CHECK_EQ(e.kind(), swe::Kind::rooms_read);
  CHECK_EQ(e.room()->actor_id, kActor);
  CHECK_EQ(e.room()->actor_name, "Example User A");
  CHECK_EQ(e.envelope().actor_id, kActor);
}

TEST(rooms_selected_with_action) {
  swe::Event e = event("widget-recents.rooms-selected-call.docs.json");
  CHECK_EQ(e.kind(), swe::Kind::rooms_selected);
  CHECK_EQ(e.envelope().action, "call");
  CHECK_EQ(e.room()->title, "Project Unicorn - Sprint 0");
  swe::Event plain = event("widget-recents.rooms-selected.docs.json");
  CHECK_EQ(plain.envelope().action, std::nullopt);
  CHECK_EQ(plain.data_json("toPersonEmail"), std::string(R"("user-c@example.com")"));
}

TEST(calls_with_placeholder) {
  const char *files[] = {"widget-space.calls-created.docs-2017.json",
                         "widget-space.calls-connected.docs-2017.json",
                         "widget-space.calls-disconnected.docs-2017.json"};
  const swe::Kind kinds[] = {swe::Kind::calls_created, swe::Kind::calls_connected,
                             swe::Kind::calls_disconnected};
  for (int i = 0; i < 3; i++) {
    swe::Event e = event(files[i]);
    CHECK_EQ(e.kind(), kinds[i]);
    std::optional<swe::Call> c = e.call();
    CHECK(c.has_value());
    CHECK_EQ(c->room_id, kRoom);
    CHECK_EQ(c->actor_name, "Example User A");
    CHECK_EQ(c->call_kind, swe::CallKind::placeholder);
    CHECK_EQ(c->call_json, R"("[Call Object]")");
    CHECK_EQ(c->call_id, std::nullopt);
  }
  swe::Event created = event(files[0]);
  CHECK_EQ(created.call()->person_email, "user-c@example.com");
  CHECK_EQ(created.call()->person_id, kPersonB);
  swe::Event connected = event(files[1]);
  CHECK_EQ(connected.call()->person_email, std::nullopt);
}

TEST(call_object_reads_its_fields) {
  swe::Event e = swe::parse(
      R"({"resource":"calls","event":"connected","data":{"call":{"id":"abc","status":"connected",)"
      R"("state":"JOINED","direction":"out","locusUrl":"https://l.example.com/locus/1",)"
      R"("correlationId":"c1"}}})");
  std::optional<swe::Call> c = e.call();
  CHECK_EQ(c->call_kind, swe::CallKind::object);
  CHECK_EQ(c->call_id, "abc");
  CHECK_EQ(c->call_status, "connected");
  CHECK_EQ(c->call_state, "JOINED");
  CHECK_EQ(c->call_direction, "out");
  CHECK_EQ(c->call_locus_url, "https://l.example.com/locus/1");
  CHECK_EQ(c->call_correlation_id, "c1");
  CHECK_EQ(c->room_id, std::nullopt);
}

TEST(other_kinds_read_through_data_json) {
  swe::Event m = event("widget-recents.memberships-created.docs.json");
  CHECK_EQ(m.kind(), swe::Kind::memberships_created);
  CHECK(!m.message() && !m.room() && !m.call());
  CHECK_EQ(m.data_json("personEmail"), std::string(R"("user-c@example.com")"));
  CHECK_EQ(m.data_json("nope"), std::nullopt);
  swe::Result<std::string> missing = m.try_data_json("nope");
  CHECK(!missing.ok());
  CHECK_EQ(missing.error().status(), swe::Status::not_found);

  swe::Event mention = event("widget-space.mention-clicked.docs.json");
  CHECK_EQ(mention.kind(), swe::Kind::mention_clicked);
  CHECK_EQ(mention.data_json("type"), std::string(R"("person")"));

  swe::Event note = event("widget-space.notifications-created.docs.json");
  CHECK_EQ(note.kind(), swe::Kind::notification_created);
  CHECK_EQ(note.name(), "notifications:created");
  CHECK_EQ(note.envelope().canonical_name, "notification:created");
  CHECK_EQ(note.data_json("notification"), std::string(R"("[Notification Object]")"));
}

TEST(unknown_and_old_names) {
  swe::Event unknown =
      swe::parse(R"({"name":"widget:resized","detail":{"resource":"widget","event":"resized",)"
                 R"("data":{"width":640,"height":480}}})");
  CHECK_EQ(unknown.kind(), swe::Kind::unknown);
  CHECK_EQ(unknown.envelope().canonical_name, "widget:resized");
  CHECK_EQ(unknown.data_json("width"), std::string("640"));
  CHECK_EQ(swe::kind_name(swe::Kind::unknown), std::nullopt);
  CHECK_EQ(swe::kind_name(swe::Kind::rooms_read), "rooms:read");

  swe::Event old = swe::parse(R"({"resource":"spaces","event":"read","data":{"id":"x"}})");
  CHECK_EQ(old.kind(), swe::Kind::rooms_read);
  CHECK_EQ(old.name(), "spaces:read");
  CHECK_EQ(old.envelope().canonical_name, "rooms:read");
  CHECK_EQ(old.warning(0)->code, swe::WarningCode::id_malformed);

  swe::Event ringing = swe::parse(R"({"resource":"calls","event":"ringing","data":{}})");
  CHECK_EQ(ringing.kind(), swe::Kind::calls_created);

  swe::Event three = swe::parse(R"({"name":"calls:memberships:connected","detail":)"
                                R"({"resource":"calls","event":"memberships","data":{}}})");
  CHECK_EQ(three.kind(), swe::Kind::call_memberships_connected);
  CHECK_EQ(three.envelope().event, "memberships");
}

TEST(parse_error_carries_status_position_and_path) {
  std::optional<swe::Error> e = THROWN(
      swe::Error, swe::parse(R"({"resource":"messages","event":"created","data":{"text":5}})"));
  CHECK(e.has_value());
  CHECK_EQ(e->status(), swe::Status::wrong_type);
  CHECK_EQ(std::string_view(e->status_name()), "SWE_ERROR_WRONG_TYPE");
  CHECK_EQ(e->message(), "expected a string, found `5`");
  CHECK_EQ(e->path(), "data.text");
  CHECK_EQ(e->offset(), 56u);
  CHECK_EQ(e->line(), 1u);
  CHECK_EQ(e->column(), 57u);
  CHECK_EQ(std::string_view(e->what()),
           "SWE_ERROR_WRONG_TYPE: expected a string, found `5` (line 1, column 57) at data.text");

  std::optional<std::runtime_error> base = THROWN(std::runtime_error, swe::parse("{"));
  CHECK(base.has_value());

  swe::Result<swe::Event> truncated = swe::try_parse("{\n  \"resource\": \"x\",");
  CHECK(!truncated);
  CHECK_EQ(truncated.error().status(), swe::Status::truncated);
  CHECK_EQ(truncated.error().line(), 2u);
  CHECK_EQ(truncated.error().column(), 19u);

  CHECK_EQ(swe::try_parse("{\"resource\":\"\xff\"}").error().status(), swe::Status::invalid_utf8);
  CHECK_EQ(swe::try_parse("").error().status(), swe::Status::truncated);
}

TEST(bad_line_of_the_sample_stream_reports_its_column) {
  std::istringstream lines(check::file("examples/data/events.ndjson"));
  std::string line;
  std::vector<std::size_t> bad_columns;
  std::size_t good = 0;
  while (std::getline(lines, line)) {
    swe::Result<swe::Event> e = swe::try_parse(line);
    if (e) {
      good++;
    } else {
      CHECK_EQ(e.error().status(), swe::Status::truncated);
      CHECK_EQ(e.error().path(), "data");
      bad_columns.push_back(e.error().column());
    }
  }
  CHECK_EQ(good, 25u);
  CHECK_EQ(bad_columns.size(), 1u);
  CHECK_EQ(bad_columns.at(0), 128u);
}

TEST(literal_syntax_reads_documentation_samples) {
  std::string sample = check::file("tests/data/doc-samples/messages-created.js");
  CHECK_EQ(swe::try_parse(sample).error().status(), swe::Status::syntax);
  swe::Event e = swe::parse(sample, swe::ParseOptions().syntax(swe::Syntax::literal));
  CHECK_EQ(e.kind(), swe::Kind::messages_created);
  CHECK_EQ(e.message()->person_email, "matt@example.com");
  CHECK_EQ(e.file(0)->url, "http://www.example.com/images/media.png");
  std::string json = e.to_json();
  CHECK_EQ(swe::parse(json).to_json(), json);
}

TEST(limits_and_warnings_as_errors) {
  std::string text = check::file("tests/data/events/widget-recents.messages-created.docs.json");
  swe::ParseOptions shallow;
  shallow.limit(swe::Limit::max_depth, 2);
  CHECK_EQ(swe::try_parse(text, shallow).error().status(), swe::Status::too_deep);

  swe::ParseOptions small = swe::ParseOptions().limit(swe::Limit::max_input_bytes, 16);
  CHECK_EQ(swe::try_parse(text, small).error().status(), swe::Status::input_too_large);

  swe::ParseOptions short_strings = swe::ParseOptions().limit(swe::Limit::max_string_bytes, 8);
  CHECK_EQ(swe::try_parse(text, short_strings).error().status(), swe::Status::string_too_long);

  swe::ParseOptions strict = swe::ParseOptions().warnings_as_errors();
  swe::Result<swe::Event> refused = swe::try_parse(text, strict);
  CHECK_EQ(refused.error().status(), swe::Status::validation);
  CHECK_EQ(refused.error().path(), "data.toPersonId");
  CHECK(swe::try_parse(text, strict.warnings_as_errors(false)).ok());

  swe::ParseOptions options;
  std::optional<swe::Error> zero = THROWN(swe::Error, options.limit(swe::Limit::max_depth, 0));
  CHECK_EQ(zero->status(), swe::Status::invalid_argument);
  swe::Result<void> bad_limit = options.try_limit(static_cast<swe::Limit>(99), 1);
  CHECK_EQ(bad_limit.error().status(), swe::Status::invalid_argument);
  swe::Result<void> bad_syntax = options.try_syntax(static_cast<swe::Syntax>(7));
  CHECK_EQ(bad_syntax.error().status(), swe::Status::invalid_argument);
  CHECK(swe::try_parse(text, options).ok()); // still the defaults
}

TEST(to_json_options) {
  swe::Event e = swe::parse(R"({"resource":"rooms","event":"read","data":{"id":"x"}})");
  CHECK_EQ(e.to_json(), R"({"resource":"rooms","event":"read","data":{"id":"x"}})");
  CHECK_EQ(
      e.to_json(swe::JsonOptions().form(swe::JsonForm::wrapped)),
      R"({"name":"rooms:read","detail":{"resource":"rooms","event":"read","data":{"id":"x"}}})");
  CHECK_EQ(e.to_json(swe::JsonOptions().pretty()), "{\n  \"resource\": \"rooms\",\n  \"event\": "
                                                   "\"read\",\n  \"data\": {\n    \"id\": \"x\"\n"
                                                   "  }\n}");
  CHECK_EQ(swe::JsonOptions().pretty().form(swe::JsonForm::detail).flags(),
           std::uint32_t{SWE_EMIT_PRETTY | SWE_EMIT_DETAIL});
}

TEST(views_stay_valid_while_their_event_lives) {
  std::string text = R"({"resource":"rooms","event":"read","data":{"id":"x","title":"T"}})";
  swe::Event e = swe::parse(text);
  std::optional<std::string_view> title = e.room()->title;
  text.assign(text.size(), '#'); // the event does not point into the input
  CHECK_EQ(title, "T");
  swe::Event moved = std::move(e);
  CHECK_EQ(title, "T"); // a move keeps the same C event
  CHECK_EQ(moved.room()->title, "T");
}

TEST(event_moves_and_clones) {
  swe::Event a = swe::parse(R"({"resource":"rooms","event":"read","data":{"id":"x"}})");
  const swe_event *raw = a.raw();
  swe::Event b(std::move(a));
  CHECK(!a);
  CHECK(a.raw() == nullptr);
  CHECK(b.raw() == raw);
  CHECK_EQ(a.kind(), swe::Kind::unknown);
  CHECK_EQ(a.name(), "");
  CHECK_EQ(a.envelope().kind, swe::Kind::unknown);
  CHECK(!a.room().has_value());
  CHECK_EQ(a.try_to_json().error().status(), swe::Status::null_argument);

  swe::Event c = swe::parse(R"({"resource":"calls","event":"created","data":{}})");
  c = std::move(b); // frees the calls event
  CHECK_EQ(c.kind(), swe::Kind::rooms_read);
  swe::Event &same = c;
  c = std::move(same); // self-move keeps the event
  CHECK_EQ(c.kind(), swe::Kind::rooms_read);

  swe::Event copy = c.clone();
  CHECK(copy.raw() != c.raw());
  c = swe::Event();
  CHECK_EQ(copy.to_json(), R"({"resource":"rooms","event":"read","data":{"id":"x"}})");

  swe::EventRef ref = copy;
  CHECK(ref.raw() == copy.raw());
  swe::Event adopted(copy.release());
  CHECK(!copy);
  CHECK(adopted.raw() == ref.raw());
}

TEST(parse_options_move) {
  swe::ParseOptions a = swe::ParseOptions().syntax(swe::Syntax::literal);
  CHECK(a.raw() != nullptr);
  swe::ParseOptions b(std::move(a));
  CHECK(a.raw() == nullptr);
  CHECK(swe::try_parse("{resource:'rooms',event:'read',data:{}}", b).ok());
  CHECK(!swe::try_parse("{resource:'rooms',event:'read',data:{}}", a).ok());
  a = std::move(b);
  CHECK(swe::try_parse("{resource:'rooms',event:'read',data:{}}", a).ok());
  CHECK(swe::ParseOptions().raw() == nullptr);
}

TEST(result_without_exceptions) {
  swe::Result<swe::Event> bad = swe::try_parse("[]");
  CHECK(!bad.ok());
  CHECK(!static_cast<bool>(bad));
  CHECK_EQ(bad.error().status(), swe::Status::syntax);
  CHECK_EQ(bad.error().message(), "expected '{' at the start of the event, found '['");
  swe::Event fallback = std::move(bad).value_or(swe::Event());
  CHECK(!fallback);
  std::optional<swe::Error> thrown = THROWN(swe::Error, (void)bad.value());
  CHECK_EQ(thrown->status(), swe::Status::syntax);

  swe::Result<swe::Event> good = swe::try_parse(R"({"resource":"a","event":"b","data":{}})");
  CHECK(good.ok());
  CHECK_EQ(good->name(), "a:b");
  swe::Event taken = std::move(good).value();
  CHECK_EQ(taken.name(), "a:b");

  swe::Error copy = bad.error(); // errors copy, as exceptions must
  CHECK_EQ(copy.status(), swe::Status::syntax);
  CHECK_EQ(std::string_view(copy.what()), std::string_view(bad.error().what()));
}

TEST(versions) {
  CHECK(swe::abi_compatible());
  CHECK_EQ(swe::library_version(), SWE_VERSION_STRING);
  CHECK_EQ(std::string_view(swe::status_name(swe::Status::listener)), "SWE_ERROR_LISTENER");
  CHECK_EQ(std::string_view(swe::status_name(static_cast<swe::Status>(-999))), "SWE_ERROR_UNKNOWN");
}

TEST(membership_view) {
  swe::Event e = event("widget-recents.memberships-created.docs.json");
  std::optional<swe::Membership> m = e.membership();
  CHECK(m.has_value());
  CHECK_EQ(m->id,
           "Y2lzY29zcGFyazovL3VzL01FTUJFUlNISVAvMGQwYzkxYjYtY2U2MC00NzI1LWI2ZDAtMzQ1NWQ1ZDExZ"
           "WYzOmNkZTFkZDQwLTJmMGQtMTFlNS1iYTljLTdiNjU1NmQyMjA3Yg");
  CHECK_EQ(m->room_id, kRoom);
  CHECK_EQ(m->person_id, kPersonB);
  CHECK_EQ(m->person_email, "user-c@example.com");
  CHECK_EQ(m->created.unix_ms, std::int64_t{1445178376000});
  CHECK_EQ(m->actor_id, kActor); // the envelope's copy
  CHECK_EQ(m->actor_name, std::nullopt);
  CHECK(!e.notification() && !e.user() && !e.activity() && !e.mention_clicked());
}

TEST(mention_clicked_view) {
  swe::Event e = event("widget-space.mention-clicked.docs.json");
  std::optional<swe::MentionClicked> m = e.mention_clicked();
  CHECK_EQ(m->id, kRoom);
  CHECK_EQ(m->mention_type, "person");
  CHECK(!e.membership().has_value());
}

TEST(notification_view) {
  swe::Event docs = event("widget-space.notifications-created.docs.json");
  CHECK_EQ(docs.notification()->notification_json, R"("[Notification Object]")");
  CHECK_EQ(docs.notification()->username, std::nullopt);
  swe::Event e = swe::parse(
      R"({"resource":"notification","event":"clicked","data":{"username":"Ann","message":"hi",)"
      R"("avatar":"https://a.example.com/x.png","alertType":"full","notificationId":"n-1"}})");
  CHECK_EQ(e.kind(), swe::Kind::notification_clicked);
  std::optional<swe::Notification> n = e.notification();
  CHECK_EQ(n->username, "Ann");
  CHECK_EQ(n->message, "hi");
  CHECK_EQ(n->avatar, "https://a.example.com/x.png");
  CHECK_EQ(n->alert_type, "full");
  CHECK_EQ(n->notification_id, "n-1");
  CHECK_EQ(n->notification_json, std::nullopt);
}

TEST(activity_user_and_call_membership_views) {
  swe::Event activity = swe::parse(R"({"resource":"activity","event":"changed",)"
                                   R"("data":{"name":"meet","displayName":"Meet","type":"tab"}})");
  CHECK_EQ(activity.activity()->name, "meet");
  CHECK_EQ(activity.activity()->display_name, "Meet");
  CHECK_EQ(activity.activity()->activity_type, "tab");

  swe::Event profile = swe::parse(R"({"resource":"profile","event":"clicked","data":{"id":")" +
                                  std::string(kActor) + R"(","displayName":"Ann"}})");
  CHECK_EQ(profile.kind(), swe::Kind::profile_clicked);
  CHECK_EQ(profile.user()->id, kActor);
  CHECK_EQ(profile.user()->display_name, "Ann");
  swe::Event add = swe::parse(R"({"resource":"add","event":"clicked","data":{}})");
  CHECK_EQ(add.user()->id, std::nullopt);
  swe::Event signout = swe::parse(R"({"resource":"user_signout","event":"clicked","data":{}})");
  CHECK_EQ(signout.kind(), swe::Kind::user_signout_clicked);
  CHECK(signout.user().has_value());

  swe::Event call = swe::parse(R"({"name":"calls:memberships:declined","detail":{"resource":)"
                               R"("calls","event":"memberships","actorId":")" +
                               std::string(kActor) + R"(","data":{"actorName":"Ann","roomId":")" +
                               std::string(kRoom) + R"("}}})");
  CHECK_EQ(call.kind(), swe::Kind::call_memberships_declined);
  std::optional<swe::CallMembership> cm = call.call_membership();
  CHECK_EQ(cm->actor_id, kActor);
  CHECK_EQ(cm->actor_name, "Ann");
  CHECK_EQ(cm->room_id, kRoom);
  CHECK(!call.call().has_value());
}

TEST(kind_from_name_knows_old_names) {
  CHECK_EQ(swe::kind_from_name("messages:created"), swe::Kind::messages_created);
  CHECK_EQ(swe::kind_from_name("spaces:read"), swe::Kind::rooms_read);
  CHECK_EQ(swe::kind_from_name("calls:memberships:connected"),
           swe::Kind::call_memberships_connected);
  CHECK_EQ(swe::kind_from_name("widget:resized"), swe::Kind::unknown);
  CHECK_EQ(swe::kind_from_name(""), swe::Kind::unknown);
}

TEST(ids_decode_compare_and_encode) {
  swe::Id padded = swe::Id::parse(std::string(kActor) + "=");
  CHECK_EQ(padded.uri(), "ciscospark://us/PEOPLE/1f7de5cb-8561-4671-bc03-bc974314442d");
  CHECK_EQ(padded.cluster(), "us");
  CHECK_EQ(padded.type(), "PEOPLE");
  CHECK_EQ(padded.local_id(), "1f7de5cb-8561-4671-bc03-bc974314442d");
  CHECK_EQ(padded.was_canonical(), false);
  CHECK_EQ(padded.encode(), kActor);

  swe::Id canonical = swe::Id::parse(kActor);
  CHECK_EQ(canonical.was_canonical(), true);
  CHECK(canonical == padded);
  swe::Id room = swe::Id::parse(kRoom);
  CHECK_EQ(room.type(), "ROOM");
  CHECK(room != canonical);

  swe::Result<swe::Id> bad = swe::Id::try_parse("nope!");
  CHECK_EQ(bad.error().status(), swe::Status::invalid_value);
  CHECK_EQ(bad.error().message(), "not a Webex id: not base64");
  std::optional<swe::Error> thrown = THROWN(swe::Error, swe::Id::parse(""));
  CHECK(thrown.has_value());

  swe::Id moved(std::move(room));
  CHECK(room.raw() == nullptr);
  CHECK_EQ(moved.type(), "ROOM");
  CHECK_EQ(room.type(), "");
  CHECK(!(room == moved));
  room = std::move(moved);
  CHECK_EQ(room.type(), "ROOM");
  CHECK_EQ(moved.try_encode().error().status(), swe::Status::null_argument);
}

TEST(every_kind_has_its_name) {
  const std::pair<const char *, swe::Kind> kinds[] = {
      {"messages:created", swe::Kind::messages_created},
      {"rooms:unread", swe::Kind::rooms_unread},
      {"rooms:read", swe::Kind::rooms_read},
      {"calls:created", swe::Kind::calls_created},
      {"calls:connected", swe::Kind::calls_connected},
      {"calls:disconnected", swe::Kind::calls_disconnected},
      {"rooms:selected", swe::Kind::rooms_selected},
      {"memberships:created", swe::Kind::memberships_created},
      {"memberships:deleted", swe::Kind::memberships_deleted},
      {"notification:created", swe::Kind::notification_created},
      {"notification:clicked", swe::Kind::notification_clicked},
      {"mention:clicked", swe::Kind::mention_clicked},
      {"activity:changed", swe::Kind::activity_changed},
      {"add:clicked", swe::Kind::add_clicked},
      {"profile:clicked", swe::Kind::profile_clicked},
      {"user_signout:clicked", swe::Kind::user_signout_clicked},
      {"calls:memberships:notified", swe::Kind::call_memberships_notified},
      {"calls:memberships:connected", swe::Kind::call_memberships_connected},
      {"calls:memberships:declined", swe::Kind::call_memberships_declined},
      {"calls:memberships:disconnected", swe::Kind::call_memberships_disconnected},
      {"calls:memberships", swe::Kind::call_memberships},
  };
  for (const auto &[name, kind] : kinds) {
    CHECK_EQ(swe::kind_name(kind), name);
    CHECK_EQ(swe::kind_from_name(name), kind);
    std::string_view full(name);
    std::size_t colon = full.find(':');
    std::size_t second = full.find(':', colon + 1);
    std::string resource(full.substr(0, colon));
    std::string event(full.substr(
        colon + 1, second == std::string_view::npos ? std::string_view::npos : second - colon - 1));
    swe::Event e = swe::parse(R"({"name":")" + std::string(name) + R"(","detail":{"resource":")" +
                              resource + R"(","event":")" + event + R"(","data":{}}})");
    CHECK_EQ(e.kind(), kind);
    CHECK_EQ(e.name(), name);
  }
}
