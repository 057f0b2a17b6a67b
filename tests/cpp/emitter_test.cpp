// Dispatch through swe::Emitter: listener forms, order, patterns, exceptions, subscriptions
// in every order with their emitter, moves and emission from several threads.
#include "check.hpp"

#include <atomic>
#include <memory>
#include <stdexcept>
#include <thread>

namespace {

constexpr std::string_view kRead = R"({"resource":"rooms","event":"read","data":{"id":"x"}})";
constexpr std::string_view kOldRead = R"({"resource":"spaces","event":"read","data":{"id":"x"}})";
constexpr std::string_view kMessage =
    R"({"resource":"messages","event":"created","data":{"text":"hi"}})";
constexpr std::string_view kCall = R"({"resource":"calls","event":"created","data":{}})";

// A token a listener captures: the listener's storage is gone once the watch has expired.
struct Token {
  std::shared_ptr<int> held = std::make_shared<int>(0);
  std::weak_ptr<int> watch = held;
  bool freed() const { return watch.expired(); }
};

} // namespace

TEST(listeners_run_in_subscription_order_in_both_forms) {
  swe::Emitter emitter;
  std::vector<std::string> log;
  swe::Subscription a = emitter.on("messages:created", [&](const swe::EventRef &e) {
    log.push_back("a " + std::string(e.message()->text.value_or("?")));
  });
  swe::Subscription b = emitter.on("*", [&](std::string_view name, std::string_view json) {
    log.push_back("b " + std::string(name) + " " + std::string(json));
  });
  swe::Subscription c = emitter.on(
      "messages:*", [&](const swe::EventRef &e) { log.push_back("c " + std::string(e.name())); });
  CHECK_EQ(emitter.emit_json(kMessage), 3u);
  CHECK_EQ(emitter.emit_json(kRead), 1u);
  CHECK_EQ(log.size(), 4u);
  CHECK_EQ(log.at(0), "a hi");
  CHECK_EQ(log.at(1), "b messages:created " + std::string(kMessage));
  CHECK_EQ(log.at(2), "c messages:created");
  CHECK_EQ(log.at(3), "b rooms:read " + std::string(kRead));
  CHECK(a.id() != b.id() && b.id() != c.id());
}

TEST(patterns_match_segments_and_old_names) {
  swe::Emitter emitter;
  int created = 0, read = 0, calls = 0;
  swe::Subscription s1 = emitter.on("*:created", [&](const swe::EventRef &) { created++; });
  swe::Subscription s2 = emitter.on("rooms:read", [&](const swe::EventRef &) { read++; });
  swe::Subscription s3 = emitter.on("calls:*", [&](const swe::EventRef &) { calls++; });
  for (std::string_view text : {kMessage, kRead, kOldRead, kCall}) {
    (void)emitter.emit_json(text);
  }
  CHECK_EQ(created, 2);
  CHECK_EQ(read, 2);
  CHECK_EQ(calls, 1);
}

TEST(bad_pattern_fails_and_frees_the_listener) {
  swe::Emitter emitter;
  Token token;
  swe::Result<swe::Subscription> bad =
      emitter.try_on("a*:b", [held = token.held](const swe::EventRef &) {});
  token.held.reset();
  CHECK(!bad);
  CHECK_EQ(bad.error().status(), swe::Status::invalid_argument);
  CHECK_EQ(bad.error().message(), "invalid pattern `a*:b`: `*` must stand alone in its segment");
  CHECK(token.freed());
  std::optional<swe::Error> thrown =
      THROWN(swe::Error, (void)emitter.on("", [](std::string_view, std::string_view) {}));
  CHECK_EQ(thrown->status(), swe::Status::invalid_argument);
}

TEST(emit_of_an_owned_event_lends_it_to_listeners) {
  swe::Emitter emitter;
  swe::Event event = swe::parse(kMessage);
  const swe_event *seen = nullptr;
  swe::Event kept;
  swe::Subscription s = emitter.on("*", [&](const swe::EventRef &e) {
    seen = e.raw();
    kept = e.clone();
  });
  CHECK_EQ(emitter.emit(event), 1u);
  CHECK(seen == event.raw());
  CHECK(kept.raw() != event.raw());
  swe::Subscription from_json = emitter.on("*", [](const swe::EventRef &) {});
  (void)emitter.emit_json(kRead); // replaces `kept`; the clone outlives the emit
  CHECK_EQ(kept.name(), "rooms:read");
  CHECK_EQ(kept.room()->id, "x");
}

TEST(bad_text_runs_no_listener) {
  swe::Emitter emitter;
  int calls = 0;
  swe::Subscription s = emitter.on("*", [&](std::string_view, std::string_view) { calls++; });
  std::optional<swe::Error> e = THROWN(swe::Error, emitter.emit_json(R"({"resource":"x")"));
  CHECK_EQ(e->status(), swe::Status::truncated);
  CHECK_EQ(e->column(), 16u);
  CHECK_EQ(emitter.try_emit_json("nope").error().status(), swe::Status::syntax);
  CHECK_EQ(calls, 0);
}

TEST(throwing_listener_stops_delivery_and_its_exception_comes_out_of_emit) {
  swe::Emitter emitter;
  int before = 0, after = 0;
  swe::Subscription a = emitter.on("*", [&](const swe::EventRef &) { before++; });
  swe::Subscription b = emitter.on("rooms:*", [&](const swe::EventRef &e) {
    throw std::logic_error("refused " + std::string(e.name()));
  });
  swe::Subscription c = emitter.on("*", [&](std::string_view, std::string_view) { after++; });

  std::optional<std::logic_error> e = THROWN(std::logic_error, emitter.emit_json(kRead));
  CHECK_EQ(std::string_view(e->what()), "refused rooms:read");
  CHECK_EQ(before, 1);
  CHECK_EQ(after, 0);

  swe::Result<std::size_t> r = emitter.try_emit_json(kRead);
  CHECK_EQ(r.error().status(), swe::Status::listener);
  CHECK_EQ(r.error().listener_status(), swe::Error::listener_threw);
  CHECK(r.error().listener_exception() != nullptr);
  std::optional<std::logic_error> again =
      THROWN(std::logic_error, std::rethrow_exception(r.error().listener_exception()));
  CHECK_EQ(std::string_view(again->what()), "refused rooms:read");
  CHECK_EQ(after, 0);

  CHECK_EQ(emitter.emit_json(kMessage), 2u); // the emitter carries on
  CHECK_EQ(after, 1);
}

TEST(exception_of_any_type_comes_out_of_emit) {
  swe::Emitter emitter;
  swe::Subscription s = emitter.on("*", [](const swe::EventRef &) { throw 42; });
  std::optional<int> e = THROWN(int, emitter.emit_json(kCall));
  CHECK_EQ(e, 42);
}

TEST(listener_returning_non_zero_stops_delivery) {
  swe::Emitter emitter;
  int after = 0;
  swe::Subscription a = emitter.on("*", [](std::string_view, std::string_view) { return 7; });
  swe::Subscription b = emitter.on("*", [&](const swe::EventRef &) { after++; });
  std::optional<swe::Error> e = THROWN(swe::Error, emitter.emit_json(kCall));
  CHECK_EQ(e->status(), swe::Status::listener);
  CHECK_EQ(e->listener_status(), 7);
  CHECK(e->listener_exception() == nullptr);
  CHECK_EQ(after, 0);
}

TEST(exception_passes_through_nested_emits) {
  swe::Emitter emitter;
  int outer_after = 0;
  swe::Subscription outer = emitter.on("rooms:read", [&](const swe::EventRef &) {
    (void)emitter.emit_json(kCall);
    outer_after++;
  });
  swe::Subscription inner =
      emitter.on("calls:created", [](const swe::EventRef &) { throw std::runtime_error("inner"); });
  std::optional<std::runtime_error> e = THROWN(std::runtime_error, emitter.emit_json(kRead));
  CHECK_EQ(std::string_view(e->what()), "inner");
  CHECK_EQ(outer_after, 0);

  swe::Subscription caught = emitter.on("rooms:read", [&](const swe::EventRef &) {
    try {
      (void)emitter.emit_json(kCall);
    } catch (const std::runtime_error &) {
      outer_after += 10; // handled inside: the outer emit goes on
    }
  });
  outer.reset();
  CHECK_EQ(emitter.emit_json(kRead), 1u);
  CHECK_EQ(outer_after, 10);
}

TEST(listener_unsubscribes_itself_and_others_during_delivery) {
  swe::Emitter emitter;
  Token token_a, token_c;
  int a = 0, b = 0, c = 0;
  swe::Subscription sa, sc;
  sa = emitter.on("*", [&, held = token_a.held](const swe::EventRef &) {
    a++;
    sa.reset(); // itself: its storage lives until this call returns
    sc.reset(); // a later listener: not called for this event
    CHECK_EQ(*held, 0);
  });
  swe::Subscription sb = emitter.on("*", [&](const swe::EventRef &) { b++; });
  sc = emitter.on("*", [&, held = token_c.held](const swe::EventRef &) { c++; });
  token_a.held.reset();
  token_c.held.reset();
  CHECK_EQ(emitter.emit_json(kRead), 2u);
  CHECK_EQ(emitter.emit_json(kRead), 1u);
  CHECK_EQ(a, 1);
  CHECK_EQ(b, 2);
  CHECK_EQ(c, 0);
  CHECK(!sa && !sc && sb);
  CHECK(token_a.freed());
  CHECK(token_c.freed());
}

TEST(listener_destroys_its_own_subscription_object) {
  swe::Emitter emitter;
  int calls = 0;
  auto holder = std::make_unique<swe::Subscription>();
  *holder = emitter.on("*", [&](const swe::EventRef &) {
    calls++;
    holder.reset();
  });
  CHECK_EQ(emitter.emit_json(kRead), 1u);
  CHECK_EQ(emitter.emit_json(kRead), 0u);
  CHECK_EQ(calls, 1);
}

TEST(subscription_dying_before_emitter_frees_its_listener_at_once) {
  swe::Emitter emitter;
  Token token;
  int calls = 0;
  {
    swe::Subscription s =
        emitter.on("*", [&, held = token.held](const swe::EventRef &) { calls++; });
    token.held.reset();
    CHECK_EQ(emitter.emit_json(kRead), 1u);
    CHECK(!token.freed());
  }
  CHECK(token.freed());
  CHECK_EQ(emitter.emit_json(kRead), 0u);
  CHECK_EQ(calls, 1);
}

TEST(subscription_outliving_emitter_is_harmless) {
  Token token;
  swe::Subscription late; // declared first: destroyed after the emitter
  auto emitter = std::make_unique<swe::Emitter>();
  late = emitter->on("*", [held = token.held](const swe::EventRef &) {});
  swe::Subscription reset_later = emitter->on("*", [](std::string_view, std::string_view) {});
  token.held.reset();
  CHECK(!token.freed());
  emitter.reset(); // frees the C emitter and with it every listener
  CHECK(token.freed());
  CHECK(late.active());
  reset_later.reset(); // nothing left to unsubscribe from
  CHECK(!reset_later.active());
  swe::Subscription moved = std::move(late);
  CHECK(!late && moved);
}

TEST(released_subscription_stays_until_off) {
  swe::Emitter emitter;
  int calls = 0;
  swe::Subscription s = emitter.on("*", [&](const swe::EventRef &) { calls++; });
  std::uint64_t id = s.id();
  CHECK_EQ(s.release(), id);
  CHECK(!s.active());
  CHECK_EQ(s.id(), 0u);
  s.reset(); // does nothing now
  CHECK_EQ(emitter.emit_json(kRead), 1u);
  emitter.off(id);
  CHECK_EQ(emitter.emit_json(kRead), 0u);
  CHECK_EQ(emitter.try_off(id).error().status(), swe::Status::not_found);
  std::optional<swe::Error> e = THROWN(swe::Error, emitter.off(id));
  CHECK_EQ(e->status(), swe::Status::not_found);
  CHECK_EQ(calls, 1);
}

TEST(subscription_moves) {
  swe::Emitter emitter;
  int first = 0, second = 0;
  swe::Subscription a = emitter.on("*", [&](const swe::EventRef &) { first++; });
  std::uint64_t id = a.id();
  swe::Subscription b(std::move(a));
  CHECK(!a.active());
  CHECK_EQ(b.id(), id);
  CHECK_EQ(emitter.emit_json(kRead), 1u);

  swe::Subscription c = emitter.on("*", [&](const swe::EventRef &) { second++; });
  c = std::move(b); // unsubscribes c's own listener, takes b's
  CHECK_EQ(c.id(), id);
  CHECK_EQ(emitter.emit_json(kRead), 1u);
  CHECK_EQ(first, 2);
  CHECK_EQ(second, 0);
  swe::Subscription &same = c;
  c = std::move(same);
  CHECK_EQ(c.id(), id);
  c = swe::Subscription();
  CHECK_EQ(emitter.emit_json(kRead), 0u);

  swe::Result<swe::Subscription> r = emitter.try_on("*", [&](const swe::EventRef &) { second++; });
  swe::Subscription taken = std::move(r).value();
  CHECK_EQ(emitter.emit_json(kRead), 1u);
  CHECK_EQ(second, 1);
}

TEST(emitter_moves) {
  Token token;
  swe::Emitter a;
  int calls = 0;
  swe::Subscription s = a.on("*", [&](const swe::EventRef &) { calls++; });
  swe::Emitter b(std::move(a));
  CHECK(a.raw() == nullptr);
  CHECK_EQ(b.emit_json(kRead), 1u);
  CHECK_EQ(a.try_emit_json(kRead).error().status(), swe::Status::null_argument);
  swe::Result<swe::Subscription> none =
      a.try_on("*", [held = token.held](const swe::EventRef &) {});
  CHECK_EQ(none.error().status(), swe::Status::null_argument);

  swe::Emitter c;
  swe::Subscription on_c = c.on("*", [held = token.held](const swe::EventRef &) {});
  token.held.reset();
  CHECK(!token.freed());
  c = std::move(b); // c's old emitter goes, and its listener with it
  CHECK(token.freed());
  CHECK_EQ(c.emit_json(kRead), 1u);
  s.reset(); // still reaches the emitter that moved into c
  CHECK_EQ(c.emit_json(kRead), 0u);
  CHECK_EQ(calls, 2);

  swe::Result<swe::Emitter> made = swe::Emitter::create();
  CHECK(made.ok());
  swe::Emitter d = std::move(made).value();
  CHECK(d.raw() != nullptr);
}

TEST(emission_from_several_threads_counts_exactly) {
  constexpr int kThreads = 4;
  constexpr int kRounds = 300;
  swe::Emitter emitter;
  std::atomic<int> all{0}, messages{0}, rooms{0}, json_bytes{0};
  swe::Subscription s1 = emitter.on("*", [&](const swe::EventRef &) { all++; });
  swe::Subscription s2 = emitter.on("messages:*", [&](std::string_view, std::string_view json) {
    messages++;
    json_bytes += static_cast<int>(json.size());
  });
  swe::Subscription s3 =
      emitter.on("rooms:read", [&](const swe::EventRef &e) { rooms += e.room()->id == "x"; });
  // Each thread's listener exception must come back to that thread's emit, and no other.
  swe::Subscription s4 = emitter.on(
      "widget:*", [](const swe::EventRef &e) { throw std::runtime_error(*e.data_json("thread")); });

  std::atomic<bool> stop{false};
  std::thread churn([&] { // subscribes and unsubscribes while the others emit
    while (!stop) {
      swe::Subscription s = emitter.on("*", [](std::string_view, std::string_view) {});
    }
  });
  std::vector<std::thread> threads;
  std::atomic<int> own_exceptions{0};
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&, t] {
      std::string mine =
          R"({"resource":"widget","event":"x","data":{"thread":)" + std::to_string(t) + "}}";
      for (int i = 0; i < kRounds; i++) {
        (void)emitter.emit_json(i % 2 ? kMessage : kRead);
        if (i % 50 == 0) {
          try {
            (void)emitter.emit_json(mine);
          } catch (const std::runtime_error &e) {
            own_exceptions += std::string_view(e.what()) == std::to_string(t);
          }
        }
      }
    });
  }
  for (std::thread &t : threads) {
    t.join();
  }
  stop = true;
  churn.join();
  CHECK_EQ(all.load(), kThreads * (kRounds + kRounds / 50));
  CHECK_EQ(messages.load(), kThreads * kRounds / 2);
  CHECK_EQ(rooms.load(), kThreads * kRounds / 2);
  CHECK_EQ(json_bytes.load(), kThreads * kRounds / 2 * static_cast<int>(kMessage.size()));
  CHECK_EQ(own_exceptions.load(), kThreads * (kRounds / 50));
}

TEST(emitter_is_shared_by_threads_that_each_subscribe) {
  swe::Emitter emitter;
  std::atomic<int> calls{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; i++) {
        swe::Subscription s = emitter.on("rooms:read", [&](const swe::EventRef &) { calls++; });
        (void)emitter.emit_json(kRead); // at least this thread's listener runs
      }
    });
  }
  for (std::thread &t : threads) {
    t.join();
  }
  CHECK(calls.load() >= 400);
  CHECK_EQ(emitter.emit_json(kRead), 0u);
}
