// spaces_widget_events/error.hpp: swe::Error, the exception, and swe::Result, for code that does
// not throw. Part of the C++ binding; include spaces_widget_events.hpp.
#ifndef SPACES_WIDGET_EVENTS_ERROR_HPP
#define SPACES_WIDGET_EVENTS_ERROR_HPP

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "codes.hpp"

namespace swe {

/// A failure: the status and, when the library gave them, a sentence, the byte offset, line
/// and column in the parsed text and the JSON path of the field. Copyable, as exceptions must
/// be: the details are copied out of the C error, which is freed at once.
class Error : public std::runtime_error {
public:
  explicit Error(Status status, std::string message = {}, std::string path = {},
                 std::size_t offset = 0, std::size_t line = 0, std::size_t column = 0,
                 std::int32_t listener_status = 0)
      : std::runtime_error(describe(status, message, path, line, column)), status_(status),
        message_(std::move(message)), path_(std::move(path)), offset_(offset), line_(line),
        column_(column), listener_status_(listener_status) {}

  /// Copies a borrowed C error (e.g. the one a stream hands its error callback).
  static Error copy(const swe_error *error) {
    swe_str message = swe_error_message(error);
    swe_str path = swe_error_path(error);
    return Error(static_cast<Status>(swe_error_code(error)), std::string(detail_text(message)),
                 std::string(detail_text(path)), swe_error_offset(error), swe_error_line(error),
                 swe_error_column(error), swe_error_listener_status(error));
  }

  /// Takes the C error `error` (may be NULL) of a call that returned `status`, and frees it.
  static Error adopt(swe_status status, swe_error *error) {
    std::unique_ptr<swe_error, void (*)(swe_error *)> owned(error, swe_error_free);
    if (error == nullptr) {
      return Error(static_cast<Status>(status), swe::status_name(static_cast<Status>(status)));
    }
    return copy(error);
  }

  Status status() const noexcept { return status_; }

  /// The C name of the status, e.g. "SWE_ERROR_SYNTAX".
  const char *status_name() const noexcept { return swe::status_name(status_); }

  /// The library's sentence alone; what() adds the status, position and path.
  const std::string &message() const noexcept { return message_; }

  /// The JSON path of the offending field (e.g. "data.roomType"); empty when none.
  const std::string &path() const noexcept { return path_; }

  /// Byte offset in the text (0-based); 0 without a position.
  std::size_t offset() const noexcept { return offset_; }

  /// Line in the text (1-based); 0 without a position.
  std::size_t line() const noexcept { return line_; }

  /// Column in the text (1-based, in Unicode scalar values); 0 without a position.
  std::size_t column() const noexcept { return column_; }

  /// For Status::listener: what the listener returned (its own non-zero value, or
  /// Error::listener_threw when it threw).
  std::int32_t listener_status() const noexcept { return listener_status_; }

  /// For Status::listener, when the listener threw: the exception (emit() re-throws it;
  /// try_emit() hands it back here). Null otherwise.
  std::exception_ptr listener_exception() const noexcept { return listener_exception_; }

  /// What a trampoline returns to the library for a listener that threw.
  static constexpr std::int32_t listener_threw = INT32_MIN;

private:
  friend class Emitter;
  friend class Stream;

  static std::string_view detail_text(swe_str s) noexcept {
    return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view();
  }

  static std::string describe(Status status, const std::string &message, const std::string &path,
                              std::size_t line, std::size_t column) {
    std::string text = swe::status_name(status);
    if (!message.empty()) {
      text += ": " + message;
    }
    if (line != 0) {
      text += " (line " + std::to_string(line) + ", column " + std::to_string(column) + ")";
    }
    if (!path.empty()) {
      text += " at " + path;
    }
    return text;
  }

  Status status_;
  std::string message_;
  std::string path_;
  std::size_t offset_;
  std::size_t line_;
  std::size_t column_;
  std::int32_t listener_status_;
  std::exception_ptr listener_exception_;
};

namespace detail {

/// Throws `error`, or aborts in code built without exceptions.
[[noreturn]] inline void raise(const Error &error) {
#if SWE_CPP_EXCEPTIONS
  throw error;
#else
  (void)error;
  std::abort();
#endif
}

} // namespace detail

/// A value or an Error: what every try_ function returns. `value()` throws the error (aborts
/// without exceptions); check `ok()` first in code that must not throw.
template <class T> class [[nodiscard]] Result {
public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T &value() & {
    check();
    return *std::get_if<0>(&state_);
  }
  const T &value() const & {
    check();
    return *std::get_if<0>(&state_);
  }
  T &&value() && {
    check();
    return std::move(*std::get_if<0>(&state_));
  }

  T &operator*() & { return value(); }
  const T &operator*() const & { return value(); }
  T &&operator*() && { return std::move(*this).value(); }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }

  /// The value, or `fallback` on failure.
  template <class U> T value_or(U &&fallback) && {
    return ok() ? std::move(*std::get_if<0>(&state_)) : static_cast<T>(std::forward<U>(fallback));
  }

  /// The error. Precondition: !ok().
  const Error &error() const & { return *std::get_if<1>(&state_); }
  Error &&error() && { return std::move(*std::get_if<1>(&state_)); }

private:
  void check() const {
    if (!ok()) {
      detail::raise(*std::get_if<1>(&state_));
    }
  }

  std::variant<T, Error> state_;
};

/// Success or an Error.
template <> class [[nodiscard]] Result<void> {
public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}

  bool ok() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }

  /// Throws the error (aborts without exceptions) on failure.
  void value() const {
    if (error_) {
      detail::raise(*error_);
    }
  }

  /// The error. Precondition: !ok().
  const Error &error() const & { return *error_; }
  Error &&error() && { return std::move(*error_); }

private:
  std::optional<Error> error_;
};

} // namespace swe

#endif // SPACES_WIDGET_EVENTS_ERROR_HPP
