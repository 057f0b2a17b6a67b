// The non-throwing API, built with -fno-exceptions: every failure comes back as a Result, and
// listeners stop delivery by returning non-zero.
#include "check.hpp"

#if SWE_CPP_EXCEPTIONS
#error "build this file with -fno-exceptions"
#endif

namespace {

constexpr std::string_view kRead = R"({"resource":"rooms","event":"read","data":{"id":"x"}})";

} // namespace

TEST(try_parse_reports_without_throwing) {
  swe::Result<swe::Event> bad = swe::try_parse(R"({"resource":"x")");
  CHECK(!bad);
  CHECK_EQ(bad.error().status(), swe::Status::truncated);
  CHECK_EQ(bad.error().column(), 16u);
  CHECK_EQ(bad.error().path(), "resource");

  swe::Result<swe::Event> good = swe::try_parse(kRead);
  CHECK(good.ok());
  CHECK_EQ(good->kind(), swe::Kind::rooms_read);
  swe::Event event = std::move(good).value();
  CHECK_EQ(event.room()->id, "x");
  swe::Result<std::string> json =
      event.try_to_json(swe::JsonOptions().form(swe::JsonForm::wrapped));
  CHECK_EQ(
      *json,
      R"({"name":"rooms:read","detail":{"resource":"rooms","event":"read","data":{"id":"x"}}})");
  CHECK_EQ(event.try_data_json("id").value(), R"("x")");
  CHECK_EQ(event.try_data_json("title").error().status(), swe::Status::not_found);
  swe::Result<swe::Event> copy = event.try_clone();
  CHECK(copy.ok());
}

TEST(options_report_bad_settings) {
  swe::ParseOptions options;
  CHECK(options.try_syntax(swe::Syntax::literal).ok());
  CHECK_EQ(options.try_limit(swe::Limit::max_depth, 0).error().status(),
           swe::Status::invalid_argument);
  CHECK(options.try_warnings_as_errors(true).ok());
  CHECK_EQ(
      swe::try_parse("{resource:'rooms',event:'read',data:{id:'x'}}", options).error().status(),
      swe::Status::validation);
}

TEST(listener_stops_delivery_with_a_status) {
  swe::Result<swe::Emitter> made = swe::Emitter::create();
  CHECK(made.ok());
  swe::Emitter emitter = std::move(made).value();
  int after = 0;
  swe::Result<swe::Subscription> stop = emitter.try_on("*", [](const swe::EventRef &event) {
    return event.kind() == swe::Kind::rooms_read ? 3 : 0;
  });
  swe::Result<swe::Subscription> count =
      emitter.try_on("*", [&](std::string_view, std::string_view) { after++; });
  CHECK(stop.ok() && count.ok());
  swe::Result<std::size_t> r = emitter.try_emit_json(kRead);
  CHECK_EQ(r.error().status(), swe::Status::listener);
  CHECK_EQ(r.error().listener_status(), 3);
  CHECK(r.error().listener_exception() == nullptr);
  CHECK_EQ(after, 0);
  CHECK_EQ(*emitter.try_emit_json(R"({"resource":"calls","event":"created","data":{}})"), 2u);
  stop->reset();
  CHECK_EQ(*emitter.try_emit_json(kRead), 1u);
  CHECK_EQ(emitter.try_on("**", [](const swe::EventRef &) {}).error().status(),
           swe::Status::invalid_argument);
  CHECK_EQ(emitter.try_off(999).error().status(), swe::Status::not_found);
}

int main() { return check::run_all(); }
