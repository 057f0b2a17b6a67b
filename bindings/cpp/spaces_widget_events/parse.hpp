// spaces_widget_events/parse.hpp: swe::ParseOptions and swe::parse / swe::try_parse.
// Part of the C++ binding; include spaces_widget_events.hpp.
#ifndef SPACES_WIDGET_EVENTS_PARSE_HPP
#define SPACES_WIDGET_EVENTS_PARSE_HPP

#include <string_view>
#include <utility>

#include "error.hpp"
#include "event.hpp"

namespace swe {

/// How text is parsed. Default-constructed options are the library's defaults (strict JSON,
/// default limits, warnings kept) and allocate nothing. Move-only. Set up on one thread; then
/// any number of threads may parse with them at once.
///
///     auto options = swe::ParseOptions().syntax(swe::Syntax::literal).warnings_as_errors();
class ParseOptions {
public:
  ParseOptions() noexcept = default;
  ParseOptions(ParseOptions &&other) noexcept : raw_(std::exchange(other.raw_, nullptr)) {}
  ParseOptions &operator=(ParseOptions &&other) noexcept {
    if (this != &other) {
      swe_parse_options_free(raw_);
      raw_ = std::exchange(other.raw_, nullptr);
    }
    return *this;
  }
  ParseOptions(const ParseOptions &) = delete;
  ParseOptions &operator=(const ParseOptions &) = delete;
  ~ParseOptions() { swe_parse_options_free(raw_); }

  [[nodiscard]] Result<void> try_syntax(Syntax syntax) {
    return set([&](swe_parse_options *options, swe_error **error) {
      return swe_parse_options_set_syntax(options, static_cast<swe_syntax>(syntax), error);
    });
  }

  /// Status::invalid_argument for 0 or a value past the limit's ceiling (options unchanged).
  [[nodiscard]] Result<void> try_limit(Limit limit, std::size_t value) {
    return set([&](swe_parse_options *options, swe_error **error) {
      return swe_parse_options_set_limit(options, static_cast<swe_limit>(limit), value, error);
    });
  }

  /// When on, the first warning fails a parse with Status::validation.
  [[nodiscard]] Result<void> try_warnings_as_errors(bool on) {
    return set([&](swe_parse_options *options, swe_error **error) {
      return swe_parse_options_set_warnings_as_errors(options, on, error);
    });
  }

  ParseOptions &syntax(Syntax syntax) & {
    try_syntax(syntax).value();
    return *this;
  }
  ParseOptions &&syntax(Syntax syntax) && { return std::move(this->syntax(syntax)); }

  ParseOptions &limit(Limit limit, std::size_t value) & {
    try_limit(limit, value).value();
    return *this;
  }
  ParseOptions &&limit(Limit limit, std::size_t value) && {
    return std::move(this->limit(limit, value));
  }

  ParseOptions &warnings_as_errors(bool on = true) & {
    try_warnings_as_errors(on).value();
    return *this;
  }
  ParseOptions &&warnings_as_errors(bool on = true) && {
    return std::move(this->warnings_as_errors(on));
  }

  /// The C options; null while every setting is the default.
  const swe_parse_options *raw() const noexcept { return raw_; }

private:
  /// Makes the C options on first use, then applies `setter` to them.
  template <class Setter> Result<void> set(Setter setter) {
    swe_error *error = nullptr;
    swe_status status = SWE_OK;
    if (raw_ == nullptr) {
      status = swe_parse_options_new(&raw_, &error);
    }
    if (status == SWE_OK) {
      status = setter(raw_, &error);
    }
    if (status != SWE_OK) {
      return Error::adopt(status, error);
    }
    return {};
  }

  swe_parse_options *raw_ = nullptr;
};

/// Parses one event (a bare detail or a {"name", "detail"} wrapper) from `text`.
[[nodiscard]] inline Result<Event> try_parse(std::string_view text,
                                             const ParseOptions &options = ParseOptions()) {
  swe_event *event = nullptr;
  swe_error *error = nullptr;
  swe_status status = swe_event_parse(text.data(), text.size(), options.raw(), &event, &error);
  if (status != SWE_OK) {
    return Error::adopt(status, error);
  }
  return Event(event);
}

/// As try_parse; throws swe::Error.
inline Event parse(std::string_view text, const ParseOptions &options = ParseOptions()) {
  return try_parse(text, options).value();
}

} // namespace swe

#endif // SPACES_WIDGET_EVENTS_PARSE_HPP
