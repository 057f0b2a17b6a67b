// A tiny test harness: TEST(name) registers a case, CHECK / CHECK_EQ report what was expected
// and what came, and run_all() prints one line per failure and then "N passed, N failed".
// Builds with and without exceptions (THROWN needs them).
#ifndef SWE_TESTS_CPP_CHECK_HPP
#define SWE_TESTS_CPP_CHECK_HPP

#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "spaces_widget_events.hpp"

// The repository, where the sample files are; the script passes an absolute path.
#ifndef SWE_REPO_ROOT
#define SWE_REPO_ROOT "."
#endif

namespace check {

struct Case {
  const char *name;
  void (*body)();
};

inline std::vector<Case> &cases() {
  static std::vector<Case> all;
  return all;
}

inline int &failures_in_case() {
  static int count = 0;
  return count;
}

struct Register {
  Register(const char *name, void (*body)()) { cases().push_back({name, body}); }
};

// How a value reads in a failure report.
template <class T> std::string show(const T &value) {
  std::ostringstream out;
  if constexpr (std::is_enum_v<T>) {
    out << static_cast<long long>(static_cast<std::underlying_type_t<T>>(value));
  } else if constexpr (std::is_same_v<T, bool>) {
    out << (value ? "true" : "false");
  } else if constexpr (std::is_convertible_v<T, std::string_view>) {
    out << '"' << std::string_view(value) << '"';
  } else {
    out << value;
  }
  return out.str();
}

template <class T> std::string show(const std::optional<T> &value) {
  return value ? show(*value) : std::string("nullopt");
}

inline std::string show(std::nullopt_t) { return "nullopt"; }

inline void fail(const char *file, int line, const std::string &what) {
  std::printf("  %s:%d: %s\n", file, line, what.c_str());
  failures_in_case()++;
}

template <class A, class E>
void equal(const A &actual, const E &expected, const char *expr, const char *file, int line) {
  if (!(actual == expected)) {
    fail(file, line,
         std::string(expr) + "\n      expected " + show(expected) + "\n      actual   " +
             show(actual));
  }
}

// Reads a file of the repository, e.g. "tests/data/events/x.json".
inline std::string file(const std::string &path) {
  std::ifstream in(std::string(SWE_REPO_ROOT) + "/" + path, std::ios::binary);
  if (!in) {
    std::printf("  cannot read %s/%s\n", SWE_REPO_ROOT, path.c_str());
    failures_in_case()++;
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

#if SWE_CPP_EXCEPTIONS
// The exception of type E that `body` throws; nullopt (and a failure) when it throws none.
template <class E, class F> std::optional<E> thrown(F body, const char *file, int line) {
  try {
    body();
  } catch (const E &e) {
    return e;
  }
  fail(file, line, "expected an exception");
  return std::nullopt;
}
#endif

// Runs every case (an exception escaping a case fails it) and prints the summary line.
inline int run_all() {
  int passed = 0, failed = 0;
  for (const Case &c : cases()) {
    failures_in_case() = 0;
#if SWE_CPP_EXCEPTIONS
    try {
      c.body();
    } catch (const std::exception &e) {
      fail(c.name, 0, std::string("unexpected exception: ") + e.what());
    } catch (...) {
      fail(c.name, 0, "unexpected exception of unknown type");
    }
#else
    c.body();
#endif
    if (failures_in_case() == 0) {
      passed++;
    } else {
      std::printf("FAIL %s\n", c.name);
      failed++;
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

} // namespace check

#define CHECK_CONCAT2(a, b) a##b
#define CHECK_CONCAT(a, b) CHECK_CONCAT2(a, b)
#define TEST(name)                                                                                 \
  static void name();                                                                              \
  static const check::Register CHECK_CONCAT(register_, name)(#name, name);                         \
  static void name()

#define CHECK(condition)                                                                           \
  do {                                                                                             \
    if (!(condition)) {                                                                            \
      check::fail(__FILE__, __LINE__, "CHECK(" #condition ")");                                    \
    }                                                                                              \
  } while (0)

#define THROWN(type, statement) check::thrown<type>([&] { statement; }, __FILE__, __LINE__)

#define CHECK_EQ(actual, expected) check::equal((actual), (expected), #actual, __FILE__, __LINE__)

#endif
