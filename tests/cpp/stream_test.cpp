// swe::Stream: newline-delimited events fed in chunks, bad lines, stopping and resuming, and
// exceptions from listeners and from the error callback.
#include "check.hpp"

#include <stdexcept>

namespace {

constexpr std::string_view kRead = R"({"resource":"rooms","event":"read","data":{"id":"x"}})";
constexpr std::string_view kCall = R"({"resource":"calls","event":"created","data":{}})";

std::string lines(std::initializer_list<std::string_view> each) {
  std::string text;
  for (std::string_view line : each) {
    text.append(line).append("\n");
  }
  return text;
}

} // namespace

TEST(sample_stream_in_small_chunks) {
  std::string text = check::file("examples/data/events.ndjson");
  swe::Emitter emitter;
  std::size_t events = 0;
  swe::Subscription all = emitter.on("*", [&](const swe::EventRef &) { events++; });
  swe::Stream stream;
  std::vector<swe::Error> bad;
  for (std::size_t at = 0; at < text.size(); at += 7) {
    stream.feed(std::string_view(text).substr(at, 7), emitter,
                [&](const swe::Error &e) { bad.push_back(e); });
  }
  stream.finish(emitter);
  CHECK_EQ(events, 25u);
  CHECK_EQ(bad.size(), 1u);
  CHECK_EQ(bad.at(0).status(), swe::Status::truncated);
  CHECK_EQ(bad.at(0).line(), 25u);
  CHECK_EQ(bad.at(0).column(), 128u);
  CHECK_EQ(bad.at(0).path(), "data");
  swe::StreamStats stats = stream.stats();
  CHECK_EQ(stats.events, 25u);
  CHECK_EQ(stats.errors, 1u);
  CHECK_EQ(stats.next_line, 27u);
  CHECK_EQ(stats.buffered, 0u);
}

TEST(line_split_inside_a_utf8_sequence_and_crlf) {
  swe::Emitter emitter;
  std::vector<std::string> titles;
  swe::Subscription s = emitter.on("rooms:read", [&](const swe::EventRef &e) {
    titles.emplace_back(e.room()->title.value_or("?"));
  });
  std::string text =
      "\r\n{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{\"title\":\"caf\xc3\xa9\"}}\r\n";
  std::size_t cut = text.find('\xc3') + 1;
  swe::Stream stream;
  stream.feed(std::string_view(text).substr(0, cut), emitter);
  CHECK_EQ(stream.stats().buffered, cut - 2);
  stream.feed(std::string_view(text).substr(cut), emitter);
  CHECK_EQ(titles.size(), 1u);
  CHECK_EQ(titles.at(0), "caf\xc3\xa9");
  CHECK_EQ(stream.stats().next_line, 3u);
}

TEST(finish_reads_a_last_line_without_newline) {
  swe::Emitter emitter;
  int calls = 0;
  swe::Subscription s = emitter.on("*", [&](std::string_view, std::string_view) { calls++; });
  swe::Stream stream;
  stream.feed(kRead, emitter);
  CHECK_EQ(calls, 0);
  CHECK_EQ(stream.stats().buffered, kRead.size());
  stream.finish(emitter);
  CHECK_EQ(calls, 1);
}

TEST(error_callback_returning_non_zero_stops_and_keeps_the_rest) {
  swe::Emitter emitter;
  std::vector<std::string> names;
  swe::Subscription s =
      emitter.on("*", [&](const swe::EventRef &e) { names.emplace_back(e.name()); });
  swe::Stream stream;
  auto stop = [](const swe::Error &) { return 1; };
  swe::Result<void> r = stream.try_feed(lines({kRead, "{bad", kCall}), emitter, stop);
  CHECK_EQ(r.error().status(), swe::Status::listener);
  CHECK_EQ(r.error().listener_status(), 1);
  CHECK_EQ(names.size(), 1u);
  stream.feed("", emitter); // the kept line goes on
  CHECK_EQ(names.size(), 2u);
  CHECK_EQ(names.at(1), "calls:created");
  CHECK_EQ(stream.stats().errors, 1u);

  std::optional<swe::Error> thrown = THROWN(swe::Error, stream.feed("{bad\n", emitter, stop));
  CHECK_EQ(thrown->status(), swe::Status::listener);
}

TEST(listener_refusal_reaches_the_error_callback) {
  swe::Emitter emitter;
  swe::Subscription s = emitter.on("calls:*", [](const swe::EventRef &) { return 5; });
  std::vector<swe::Error> errors;
  swe::Stream stream;
  stream.feed(lines({kRead, kCall, kRead}), emitter,
              [&](const swe::Error &e) { errors.push_back(e); });
  CHECK_EQ(errors.size(), 1u);
  CHECK_EQ(errors.at(0).status(), swe::Status::listener);
  CHECK_EQ(errors.at(0).listener_status(), 5);
  CHECK_EQ(stream.stats().events, 2u);
}

TEST(listener_exception_comes_out_of_feed_and_the_rest_waits) {
  swe::Emitter emitter;
  int reads = 0, errors = 0;
  swe::Subscription s1 = emitter.on("rooms:read", [&](const swe::EventRef &) { reads++; });
  swe::Subscription s2 =
      emitter.on("calls:*", [](const swe::EventRef &) { throw std::runtime_error("no calls"); });
  swe::Stream stream;
  std::optional<std::runtime_error> e =
      THROWN(std::runtime_error, stream.feed(lines({kRead, kCall, kRead}), emitter,
                                             [&](const swe::Error &) { errors++; }));
  CHECK_EQ(std::string_view(e->what()), "no calls");
  CHECK_EQ(reads, 1);
  CHECK_EQ(errors, 0); // the callback does not see a throwing listener's refusal
  s2.reset();
  stream.finish(emitter);
  CHECK_EQ(reads, 2);

  swe::Result<void> r = stream.try_feed(lines({kCall}), emitter, [](const swe::Error &) {
    throw std::logic_error("from the callback");
  });
  CHECK(r.ok()); // kCall has no listener that refuses now
  r = stream.try_feed("{bad\n", emitter,
                      [](const swe::Error &) { throw std::logic_error("from the callback"); });
  CHECK_EQ(r.error().status(), swe::Status::listener);
  CHECK(r.error().listener_exception() != nullptr);
}

TEST(stream_options_apply_to_every_line) {
  swe::Emitter emitter;
  int calls = 0;
  swe::Subscription s = emitter.on("*", [&](const swe::EventRef &) { calls++; });
  swe::Stream literal(swe::ParseOptions().syntax(swe::Syntax::literal));
  literal.feed("{resource:'rooms',event:'read',data:{id:'x',},}\n", emitter);
  CHECK_EQ(calls, 1);
  swe::Stream strict;
  strict.feed("{resource:'rooms',event:'read',data:{id:'x',},}\n", emitter);
  CHECK_EQ(calls, 1);
  CHECK_EQ(strict.stats().errors, 1u);
}

TEST(stream_moves) {
  swe::Emitter emitter;
  swe::Stream a;
  a.feed("{\"resource\":", emitter);
  swe::Stream b(std::move(a));
  CHECK(a.raw() == nullptr);
  CHECK_EQ(b.stats().buffered, 12u);
  CHECK_EQ(a.stats().buffered, 0u);
  CHECK_EQ(a.try_feed("x", emitter).error().status(), swe::Status::null_argument);
  a = std::move(b);
  CHECK_EQ(a.stats().buffered, 12u);
  swe::Result<swe::Stream> made = swe::Stream::create();
  CHECK(made.ok());
}
