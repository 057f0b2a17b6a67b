// spaces_widget_events/stream.hpp: swe::Stream: newline-delimited events fed in chunks.
// Part of the C++ binding; include spaces_widget_events.hpp.
#ifndef SPACES_WIDGET_EVENTS_STREAM_HPP
#define SPACES_WIDGET_EVENTS_STREAM_HPP

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>
#include <type_traits>
#include <utility>

#include "emitter.hpp"
#include "error.hpp"
#include "parse.hpp"

namespace swe {

/// What a Stream has read so far.
struct StreamStats {
  /// Events delivered to the emitter.
  std::size_t events = 0;
  /// Lines that failed (parse errors and refusals).
  std::size_t errors = 0;
  /// The number of the next line to be read (1-based).
  std::size_t next_line = 1;
  /// Bytes held for a line not yet complete.
  std::size_t buffered = 0;
};

namespace detail {

/// The default error callback of a stream: bad lines are counted and skipped.
struct SkipBadLines {
  void operator()(const Error &) const noexcept {}
};

/// The C side of a stream's error callback, for one feed.
template <class F> struct StreamErrors {
  F &fn;

  static std::int32_t call(void *user_data, const swe_error *error) noexcept {
    auto *self = static_cast<StreamErrors *>(user_data);
#if SWE_CPP_EXCEPTIONS
    EmitFrame *frame = EmitFrame::current(); // the one Stream::run set up
    if (frame->exception) {
      return Error::listener_threw; // a listener threw: stop here, feed() re-throws it
    }
    try {
      return invoke_listener(self->fn, Error::copy(error));
    } catch (...) {
      frame->exception = std::current_exception();
      return Error::listener_threw;
    }
#else
    return invoke_listener(self->fn, Error::copy(error));
#endif
  }
};

} // namespace detail

/// Newline-delimited events fed in chunks split anywhere (even inside a UTF-8 sequence); each
/// complete line's event goes to an emitter. Blank lines are skipped and a `\r` before `\n`
/// dropped. Move-only; use one from one thread at a time.
///
/// A bad line goes to the feed's error callback, a callable taking `const swe::Error &` (its
/// line and offset count from the start of the stream), returning void or an integer
/// (non-zero stops the feed, which keeps the unread bytes for the next call). A listener or
/// error callback that throws stops the feed too, and feed() re-throws the exception.
class Stream {
public:
  /// Makes a stream that parses each line with a copy of `options`; throws swe::Error.
  explicit Stream(const ParseOptions &options = ParseOptions()) : Stream(create(options).value()) {}

  /// Makes a stream without throwing.
  [[nodiscard]] static Result<Stream> create(const ParseOptions &options = ParseOptions()) {
    swe_stream *raw = nullptr;
    swe_error *error = nullptr;
    swe_status status = swe_stream_new(options.raw(), &raw, &error);
    if (status != SWE_OK) {
      return Error::adopt(status, error);
    }
    return Stream(raw);
  }

  Stream(Stream &&other) noexcept : raw_(std::exchange(other.raw_, nullptr)) {}
  Stream &operator=(Stream &&other) noexcept {
    if (this != &other) {
      swe_stream_free(raw_);
      raw_ = std::exchange(other.raw_, nullptr);
    }
    return *this;
  }
  Stream(const Stream &) = delete;
  Stream &operator=(const Stream &) = delete;
  /// Drops the bytes of an unfinished line (call finish() to read it).
  ~Stream() { swe_stream_free(raw_); }

  /// Feeds `bytes`, emitting each complete line's event to `emitter`. Fails with
  /// Status::listener when the error callback returned non-zero or something threw (the
  /// error then carries the exception).
  template <class OnError = detail::SkipBadLines>
  [[nodiscard]] Result<void> try_feed(std::string_view bytes, const Emitter &emitter,
                                      OnError &&on_error = OnError()) {
    return run(on_error, [&](swe_stream_error_fn callback, void *user_data, swe_error **error) {
      return swe_stream_feed(raw_, bytes.data(), bytes.size(), emitter.raw(), callback, user_data,
                             error);
    });
  }

  /// As try_feed; re-throws what a listener or the callback threw, or throws swe::Error.
  template <class OnError = detail::SkipBadLines>
  void feed(std::string_view bytes, const Emitter &emitter, OnError &&on_error = OnError()) {
    rethrow(try_feed(bytes, emitter, on_error));
  }

  /// Ends the stream: a last line without a newline is read and delivered as by feed().
  template <class OnError = detail::SkipBadLines>
  [[nodiscard]] Result<void> try_finish(const Emitter &emitter, OnError &&on_error = OnError()) {
    return run(on_error, [&](swe_stream_error_fn callback, void *user_data, swe_error **error) {
      return swe_stream_finish(raw_, emitter.raw(), callback, user_data, error);
    });
  }

  template <class OnError = detail::SkipBadLines>
  void finish(const Emitter &emitter, OnError &&on_error = OnError()) {
    rethrow(try_finish(emitter, on_error));
  }

  /// What the stream has read so far; zeros for a moved-from Stream.
  StreamStats stats() const noexcept {
    swe_stream_stats v;
    if (swe_stream_get_stats(raw_, &v, nullptr) != SWE_OK) {
      return StreamStats{0, 0, 0, 0};
    }
    return StreamStats{v.events, v.errors, v.next_line, v.buffered};
  }

  /// The C stream; null for a moved-from Stream.
  swe_stream *raw() const noexcept { return raw_; }

private:
  explicit Stream(swe_stream *owned) noexcept : raw_(owned) {}

  template <class OnError, class Call> Result<void> run(OnError &on_error, Call call) {
    using Sink = detail::StreamErrors<std::remove_reference_t<OnError>>;
    Sink sink{on_error};
    swe_error *error = nullptr;
    swe_status status;
    std::exception_ptr thrown;
    {
      detail::EmitFrame frame;
      status = call(&Sink::call, &sink, &error);
      thrown = frame.exception;
    }
    if (status != SWE_OK) {
      Error failure = Error::adopt(status, error);
      failure.listener_exception_ = thrown;
      return failure;
    }
    return {};
  }

  static void rethrow(Result<void> result) {
#if SWE_CPP_EXCEPTIONS
    if (!result && result.error().listener_exception()) {
      std::rethrow_exception(result.error().listener_exception());
    }
#endif
    result.value();
  }

  swe_stream *raw_;
};

} // namespace swe

#endif // SPACES_WIDGET_EVENTS_STREAM_HPP
