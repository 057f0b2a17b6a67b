// spaces_widget_events/emitter.hpp: swe::Emitter and swe::Subscription: listeners as any callable.
// Part of the C++ binding; include spaces_widget_events.hpp.
#ifndef SPACES_WIDGET_EVENTS_EMITTER_HPP
#define SPACES_WIDGET_EVENTS_EMITTER_HPP

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>

#include "error.hpp"
#include "event.hpp"
#include "parse.hpp"

namespace swe {

namespace detail {

/// Owns the C emitter. Shared by the Emitter and by each emit in flight; subscriptions only
/// watch it, so the C emitter (and every listener it holds) goes when the Emitter goes.
struct EmitterCore {
  swe_emitter *raw;
  explicit EmitterCore(swe_emitter *emitter) noexcept : raw(emitter) {}
  EmitterCore(const EmitterCore &) = delete;
  EmitterCore &operator=(const EmitterCore &) = delete;
  ~EmitterCore() { swe_emitter_free(raw); }
};

/// One emit() in progress on this thread: where a throwing listener's exception waits until
/// the C call has returned. Frames nest when a listener emits.
struct EmitFrame {
  std::exception_ptr exception;
  EmitFrame *outer;

  EmitFrame() noexcept : outer(current()) { current() = this; }
  EmitFrame(const EmitFrame &) = delete;
  EmitFrame &operator=(const EmitFrame &) = delete;
  ~EmitFrame() { current() = outer; }

  static EmitFrame *&current() noexcept {
    static thread_local EmitFrame *frame = nullptr;
    return frame;
  }
};

template <class F, class... Args> std::int32_t invoke_listener(F &fn, Args &&...args) {
  using R = std::invoke_result_t<F &, Args...>;
  static_assert(std::is_void_v<R> || (std::is_convertible_v<R, std::int32_t> &&
                                      !std::is_same_v<std::decay_t<R>, bool>),
                "a listener returns void, or an integer (0: handled, non-zero: stop delivery)");
  if constexpr (std::is_void_v<R>) {
    std::invoke(fn, std::forward<Args>(args)...);
    return 0;
  } else {
    return static_cast<std::int32_t>(std::invoke(fn, std::forward<Args>(args)...));
  }
}

/// The C side of a listener: `user_data` points at one of these; `release` deletes it. An
/// exception goes to the innermost emit() or Stream feed of this thread; an event delivered
/// through the C functions directly has none, so there the exception is dropped (delivery
/// still stops).
template <class F> struct Listener {
  F fn;

  template <class... Args> static std::int32_t run(void *user_data, Args &&...args) noexcept {
    auto *self = static_cast<Listener *>(user_data);
#if SWE_CPP_EXCEPTIONS
    try {
      return invoke_listener(self->fn, std::forward<Args>(args)...);
    } catch (...) {
      if (EmitFrame *frame = EmitFrame::current()) {
        frame->exception = std::current_exception();
      }
      return Error::listener_threw;
    }
#else
    return invoke_listener(self->fn, std::forward<Args>(args)...);
#endif
  }

  static std::int32_t on_event(void *user_data, const swe_event *event) noexcept {
    const EventRef borrowed(event);
    return run(user_data, borrowed);
  }

  static std::int32_t on_json(void *user_data, swe_str name, swe_str json) noexcept {
    return run(user_data, view_or_empty(name), view_or_empty(json));
  }

  static void release(void *user_data) noexcept { delete static_cast<Listener *>(user_data); }
};

} // namespace detail

/// A listener's subscription. Move-only; destroying or reset()ting it unsubscribes (no call of
/// the listener starts after that, and the listener is destroyed once no call is in flight);
/// release() keeps the listener for the emitter's life. Safe in any order with its Emitter:
/// once the emitter is gone, the subscription has nothing left to do. May be reset or
/// destroyed from inside any listener, its own included.
class [[nodiscard]] Subscription {
public:
  Subscription() noexcept = default;
  Subscription(Subscription &&other) noexcept
      : core_(std::move(other.core_)), id_(std::exchange(other.id_, 0)) {}
  Subscription &operator=(Subscription &&other) noexcept {
    if (this != &other) {
      reset();
      core_ = std::move(other.core_);
      id_ = std::exchange(other.id_, 0);
    }
    return *this;
  }
  Subscription(const Subscription &) = delete;
  Subscription &operator=(const Subscription &) = delete;
  ~Subscription() { reset(); }

  /// The library's id of the subscription (0 once reset or released).
  std::uint64_t id() const noexcept { return id_; }

  /// Whether this object still unsubscribes when destroyed.
  bool active() const noexcept { return id_ != 0; }
  explicit operator bool() const noexcept { return active(); }

  /// Unsubscribes now. Does nothing when inactive or when the emitter is gone.
  void reset() noexcept {
    if (id_ == 0) {
      return;
    }
    if (std::shared_ptr<detail::EmitterCore> core = core_.lock()) {
      swe_emitter_off(core->raw, id_, nullptr);
    }
    core_.reset();
    id_ = 0;
  }

  /// Keeps the listener subscribed for the emitter's life (Emitter::off(id) still removes it)
  /// and returns its id.
  std::uint64_t release() noexcept {
    core_.reset();
    return std::exchange(id_, 0);
  }

private:
  friend class Emitter;
  Subscription(std::weak_ptr<detail::EmitterCore> core, std::uint64_t id) noexcept
      : core_(std::move(core)), id_(id) {}

  std::weak_ptr<detail::EmitterCore> core_;
  std::uint64_t id_ = 0;
};

/// Dispatches events to listeners. Move-only; destroying it unsubscribes and destroys every
/// listener (after any emit still in flight). Through a const reference, any thread may
/// subscribe, unsubscribe and emit at once, also from inside a listener.
///
/// A listener is any callable taking `const swe::EventRef &` (the event, borrowed for the
/// call) or `(std::string_view name, std::string_view json)` (JSON delivery: the full name and
/// the compact JSON in the form the event arrived in), returning void or an integer (non-zero
/// stops delivery of the event and makes emit fail with Status::listener). A listener that
/// throws stops delivery too, and emit() re-throws its exception. Listeners run on the
/// emitting thread, in subscription order; the callable is destroyed on whichever thread
/// drops the last use of it.
class Emitter {
public:
  /// Makes an emitter with no listeners; throws swe::Error (aborts without exceptions).
  Emitter() : Emitter(create().value()) {}

  /// Makes an emitter without throwing.
  [[nodiscard]] static Result<Emitter> create() {
    swe_emitter *raw = nullptr;
    swe_error *error = nullptr;
    swe_status status = swe_emitter_new(&raw, &error);
    if (status != SWE_OK) {
      return Error::adopt(status, error);
    }
    return Emitter(std::make_shared<detail::EmitterCore>(raw));
  }

  Emitter(Emitter &&) noexcept = default;
  Emitter &operator=(Emitter &&) noexcept = default;
  Emitter(const Emitter &) = delete;
  Emitter &operator=(const Emitter &) = delete;
  ~Emitter() = default;

  /// Subscribes `listener` to events matching `pattern` ("messages:created", "messages:*",
  /// "*:created", "*"; a known name also matches its old names). The event form is chosen
  /// when the callable takes `const EventRef &`, the JSON form otherwise.
  template <class F>
  [[nodiscard]] Result<Subscription> try_on(std::string_view pattern, F &&listener) const {
    using Fn = std::decay_t<F>;
    if constexpr (std::is_invocable_v<Fn &, const EventRef &>) {
      return subscribe(swe_emitter_on_event, &detail::Listener<Fn>::on_event, pattern,
                       std::forward<F>(listener));
    } else {
      static_assert(std::is_invocable_v<Fn &, std::string_view, std::string_view>,
                    "a listener takes (const swe::EventRef &) or (std::string_view name, "
                    "std::string_view json)");
      return subscribe(swe_emitter_on_json, &detail::Listener<Fn>::on_json, pattern,
                       std::forward<F>(listener));
    }
  }

  /// As try_on; throws swe::Error (Status::invalid_argument for a bad pattern).
  template <class F> Subscription on(std::string_view pattern, F &&listener) const {
    return try_on(pattern, std::forward<F>(listener)).value();
  }

  /// Unsubscribes a released subscription by its id. Status::not_found when not subscribed.
  [[nodiscard]] Result<void> try_off(std::uint64_t id) const {
    swe_error *error = nullptr;
    swe_status status = swe_emitter_off(raw(), id, &error);
    if (status != SWE_OK) {
      return Error::adopt(status, error);
    }
    return {};
  }

  void off(std::uint64_t id) const { try_off(id).value(); }

  /// Delivers `event` to every matching listener; returns how many ran. When a listener
  /// threw, the error is Status::listener and carries the exception.
  [[nodiscard]] Result<std::size_t> try_emit(const EventRef &event) const {
    return deliver([&](swe_emitter *emitter, std::size_t *delivered, swe_error **error) {
      return swe_emitter_emit(emitter, event.raw(), delivered, error);
    });
  }

  /// As try_emit; re-throws a listener's exception, or throws swe::Error.
  std::size_t emit(const EventRef &event) const { return rethrow(try_emit(event)); }

  /// Parses `text` (as swe::parse) and delivers the event; no listener runs when the text is
  /// bad.
  [[nodiscard]] Result<std::size_t>
  try_emit_json(std::string_view text, const ParseOptions &options = ParseOptions()) const {
    return deliver([&](swe_emitter *emitter, std::size_t *delivered, swe_error **error) {
      return swe_emitter_emit_json(emitter, options.raw(), text.data(), text.size(), delivered,
                                   error);
    });
  }

  std::size_t emit_json(std::string_view text, const ParseOptions &options = ParseOptions()) const {
    return rethrow(try_emit_json(text, options));
  }

  /// The C emitter; null for a moved-from Emitter.
  swe_emitter *raw() const noexcept { return core_ ? core_->raw : nullptr; }

private:
  explicit Emitter(std::shared_ptr<detail::EmitterCore> core) noexcept : core_(std::move(core)) {}

  template <class Subscribe, class Trampoline, class F>
  Result<Subscription> subscribe(Subscribe subscribe, Trampoline trampoline,
                                 std::string_view pattern, F &&listener) const {
    using Storage = detail::Listener<std::decay_t<F>>;
    auto storage = std::unique_ptr<Storage>(new Storage{std::forward<F>(listener)});
    std::uint64_t id = 0;
    swe_error *error = nullptr;
    swe_status status = subscribe(raw(), pattern.data(), pattern.size(), trampoline, storage.get(),
                                  &Storage::release, &id, &error);
    if (status != SWE_OK) {
      return Error::adopt(status, error); // release never runs: storage still ours
    }
    storage.release(); // the library's now, deleted through Storage::release
    return Subscription(core_, id);
  }

  template <class Call> Result<std::size_t> deliver(Call call) const {
    std::shared_ptr<detail::EmitterCore> keep = core_; // a listener may destroy the Emitter
    std::size_t delivered = 0;
    swe_error *error = nullptr;
    swe_status status;
    std::exception_ptr thrown;
    {
      detail::EmitFrame frame;
      status = call(keep ? keep->raw : nullptr, &delivered, &error);
      thrown = frame.exception;
    }
    if (status != SWE_OK) {
      Error failure = Error::adopt(status, error);
      failure.listener_exception_ = thrown;
      return failure;
    }
    return delivered;
  }

  static std::size_t rethrow(Result<std::size_t> result) {
#if SWE_CPP_EXCEPTIONS
    if (!result && result.error().listener_exception()) {
      std::rethrow_exception(result.error().listener_exception());
    }
#endif
    return std::move(result).value();
  }

  std::shared_ptr<detail::EmitterCore> core_;
};

} // namespace swe

#endif // SPACES_WIDGET_EVENTS_EMITTER_HPP
