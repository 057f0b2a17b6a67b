/*
 * check.h: what the C tests share. Checks that report file:line with the expected and the
 * actual value, a runner that ends with the line "N passed, N failed" (read by CI), and
 * readers for the sample files under tests/data/.
 *
 * A test is a `static void test_...(void)` function run with RUN(test_...); it fails when any
 * of its checks fails. Every CHECK_* evaluates to true when the check held, so a test can
 * stop early: `if (!CHECK_STATUS(SWE_OK, status)) return;`. Valid C11 and C++17.
 */
#ifndef SWE_TESTS_CHECK_H
#define SWE_TESTS_CHECK_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spaces_widget_events.h"

/* Where the sample files are; the script passes an absolute path. */
#ifndef SWE_TEST_DATA
#define SWE_TEST_DATA "tests/data"
#endif

/* The Webex ids of the samples under tests/data/. */
#define PERSON_A "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xZjdkZTVjYi04NTYxLTQ2NzEtYmMwMy1iYzk3NDMxNDQ0MmQ"
#define PERSON_B "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmU"
/* PERSON_B with non-zero trailing bits (`...MmX`), as the documentation writes it. */
#define PERSON_B_NOT_CANONICAL                                                                     \
  "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmX"
#define PERSON_C "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mNWIzNjE4Ny1jOGRkLTQ3MjctOGIyZi1mOWM0NDdmMjkwNDY"
#define PERSON_D "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9lM2EyNjA4OC1hNmRiLTQxZjgtOTliMC1hNTEyMzkyYzAwOTg"
#define MESSAGE "Y2lzY29zcGFyazovL3VzL01FU1NBR0UvOTJkYjNiZTAtNDNiZC0xMWU2LThhZTktZGQ1YjNkZmM1NjVk"
#define MESSAGE_2017                                                                               \
  "Y2lzY29zcGFyazovL3VzL01FU1NBR0UvMzIzZWUyZjAtOWFhZC0xMWU1LTg1YmYtMWRhZjhkNDJlZjlj"
#define ROOM "Y2lzY29zcGFyazovL3VzL1JPT00vYmJjZWIxYWQtNDNmMS0zYjU4LTkxNDctZjE0YmIwYzRkMTU0"
#define ROOM_2017 "Y2lzY29zcGFyazovL3VzL1JPT00vY2RlMWRkNDAtMmYwZC0xMWU1LWJhOWMtN2I2NTU2ZDIyMDdi"
/* The documentation's teamId: a ROOM id where a TEAM id belongs. */
#define TEAM_AS_ROOM "Y2lzY29zcGFyazovL3VzL1JPT00vNjRlNDVhZTAtYzQ2Yi0xMWU1LTlkZjktMGQ0MWUzNDIxOTcz"
#define MEMBERSHIP                                                                                 \
  "Y2lzY29zcGFyazovL3VzL01FTUJFUlNISVAvMGQwYzkxYjYtY2U2MC00NzI1LWI2ZDAtMzQ1NWQ1ZDExZWYz"           \
  "OmNkZTFkZDQwLTJmMGQtMTFlNS1iYTljLTdiNjU1NmQyMjA3Yg"

/* Tests passed and failed so far, and the failed checks of the running test. */
static struct {
  int passed;
  int failed;
  int failed_checks;
} check_state;

/* Records a failed check and says where; the caller prints the values. */
static inline bool check_failed(const char *file, int line, const char *what) {
  check_state.failed_checks++;
  printf("%s:%d: %s\n", file, line, what);
  return false;
}

static inline bool check_true(bool ok, const char *file, int line, const char *expr) {
  return ok || check_failed(file, line, expr);
}

static inline bool check_int(intmax_t expected, intmax_t actual, const char *file, int line,
                             const char *expr) {
  if (expected == actual) {
    return true;
  }
  check_failed(file, line, expr);
  printf("    expected %" PRIdMAX ", got %" PRIdMAX "\n", expected, actual);
  return false;
}

static inline bool check_uint(uintmax_t expected, uintmax_t actual, const char *file, int line,
                              const char *expr) {
  if (expected == actual) {
    return true;
  }
  check_failed(file, line, expr);
  printf("    expected %" PRIuMAX ", got %" PRIuMAX "\n", expected, actual);
  return false;
}

static inline bool check_status(swe_status expected, swe_status actual, const char *file, int line,
                                const char *expr) {
  if (expected == actual) {
    return true;
  }
  check_failed(file, line, expr);
  printf("    expected %s (%" PRId32 "), got %s (%" PRId32 ")\n", swe_status_str(expected),
         expected, swe_status_str(actual), actual);
  return false;
}

/* Prints a view as the checks show it: quoted, or <absent>. */
static inline void check_print_view(const char *label, swe_str view) {
  if (view.ptr == NULL) {
    printf("    %s <absent> (len %zu)\n", label, view.len);
  } else {
    printf("    %s \"%.*s\" (len %zu)\n", label, (int)view.len, view.ptr, view.len);
  }
}

/* A view equals `expected` (NULL: absent) and, when present, is NUL-terminated at `len`. */
static inline bool check_str(const char *expected, swe_str actual, const char *file, int line,
                             const char *expr) {
  bool ok;
  if (expected == NULL) {
    ok = actual.ptr == NULL && actual.len == 0;
  } else {
    ok = actual.ptr != NULL && actual.len == strlen(expected) &&
         memcmp(actual.ptr, expected, actual.len) == 0 && actual.ptr[actual.len] == '\0';
  }
  if (ok) {
    return true;
  }
  check_failed(file, line, expr);
  swe_str wanted = {expected, expected == NULL ? 0 : strlen(expected)};
  check_print_view("expected", wanted);
  check_print_view("got     ", actual);
  if (actual.ptr != NULL && actual.ptr[actual.len] != '\0') {
    printf("    (not NUL-terminated at len)\n");
  }
  return false;
}

/* A NUL-terminated string equals `expected` (NULL: the pointer is NULL). */
static inline bool check_cstr(const char *expected, const char *actual, const char *file, int line,
                              const char *expr) {
  if (expected == NULL || actual == NULL ? expected == actual : strcmp(expected, actual) == 0) {
    return true;
  }
  check_failed(file, line, expr);
  printf("    expected %s%s%s\n", expected ? "\"" : "", expected ? expected : "NULL",
         expected ? "\"" : "");
  printf("    got      %s%s%s\n", actual ? "\"" : "", actual ? actual : "NULL", actual ? "\"" : "");
  return false;
}

static inline bool check_ptr(const void *expected, const void *actual, const char *file, int line,
                             const char *expr) {
  if (expected == actual) {
    return true;
  }
  check_failed(file, line, expr);
  printf("    expected %p, got %p\n", expected, actual);
  return false;
}

#define CHECK(cond) check_true((cond), __FILE__, __LINE__, #cond)
#define CHECK_INT(expected, actual)                                                                \
  check_int((intmax_t)(expected), (intmax_t)(actual), __FILE__, __LINE__, #actual)
#define CHECK_SIZE(expected, actual)                                                               \
  check_uint((uintmax_t)(expected), (uintmax_t)(actual), __FILE__, __LINE__, #actual)
#define CHECK_STATUS(expected, actual)                                                             \
  check_status((expected), (actual), __FILE__, __LINE__, #actual)
#define CHECK_STR(expected, view) check_str((expected), (view), __FILE__, __LINE__, #view)
#define CHECK_ABSENT(view) check_str(NULL, (view), __FILE__, __LINE__, #view)
#define CHECK_CSTR(expected, actual) check_cstr((expected), (actual), __FILE__, __LINE__, #actual)
#define CHECK_PTR(expected, actual) check_ptr((expected), (actual), __FILE__, __LINE__, #actual)

/* An error object's code, byte offset, line, column and path. */
static inline bool check_error(const swe_error *error, swe_status status, size_t offset,
                               size_t line, size_t column, const char *path, const char *file,
                               int at) {
  bool ok = check_status(status, swe_error_code(error), file, at, "swe_error_code(error)");
  ok &= check_uint(offset, swe_error_offset(error), file, at, "swe_error_offset(error)");
  ok &= check_uint(line, swe_error_line(error), file, at, "swe_error_line(error)");
  ok &= check_uint(column, swe_error_column(error), file, at, "swe_error_column(error)");
  ok &= check_str(path, swe_error_path(error), file, at, "swe_error_path(error)");
  return ok;
}
#define CHECK_ERROR(error, status, offset, line, column, path)                                     \
  check_error((error), (status), (offset), (line), (column), (path), __FILE__, __LINE__)

#ifdef SWE_ALLOC_COUNTER
/* In the allocation-counting build: the library's live heap allocations (not in the header). */
#ifdef __cplusplus
extern "C"
#endif
    intptr_t
    swe_test_live_allocations(void);
#endif

/* Runs one test and counts it. In the allocation-counting build a test must also leave no
 * allocation of the library's behind. */
#define RUN(test) check_run((test), #test)
static inline void check_run(void (*test)(void), const char *name) {
  check_state.failed_checks = 0;
#ifdef SWE_ALLOC_COUNTER
  intptr_t live_before = swe_test_live_allocations();
#endif
  test();
#ifdef SWE_ALLOC_COUNTER
  intptr_t live_after = swe_test_live_allocations();
  if (live_after != live_before) {
    check_failed(__FILE__, __LINE__, "the test left library allocations live");
    printf("    %" PRIdPTR " before, %" PRIdPTR " after\n", live_before, live_after);
  }
#endif
  if (check_state.failed_checks == 0) {
    check_state.passed++;
  } else {
    check_state.failed++;
    printf("FAILED %s\n", name);
  }
  fflush(stdout);
}

/* Prints the final line and gives the exit status: 0 when every test passed. */
static inline int check_summary(void) {
  printf("%d passed, %d failed\n", check_state.passed, check_state.failed);
  return check_state.failed == 0 ? 0 : 1;
}

/* Untouched outputs: views are pre-filled with FILL_BYTE and pointers set to SENTINEL. */
#define FILL_BYTE 0xA5
#define SENTINEL check_sentinel()
static inline void *check_sentinel(void) {
  static char object;
  return &object;
}

static inline void fill(void *object, size_t size) { memset(object, FILL_BYTE, size); }

static inline bool is_filled(const void *object, size_t size) {
  const unsigned char *bytes = (const unsigned char *)object;
  for (size_t i = 0; i < size; i++) {
    if (bytes[i] != FILL_BYTE) {
      return false;
    }
  }
  return true;
}

/* The bytes of tests/data/<relative>, NUL-terminated, in memory to free(). Exits when the
 * file cannot be read: the suite is broken, not the library. */
static inline char *read_sample(const char *relative, size_t *len_out) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", SWE_TEST_DATA, relative);
  FILE *file = fopen(path, "rb");
  char *text = NULL;
  long size = -1;
  if (file != NULL && fseek(file, 0, SEEK_END) == 0 && (size = ftell(file)) >= 0 &&
      fseek(file, 0, SEEK_SET) == 0 && (text = (char *)malloc((size_t)size + 1)) != NULL &&
      fread(text, 1, (size_t)size, file) == (size_t)size) {
    fclose(file);
    text[size] = '\0';
    *len_out = (size_t)size;
    return text;
  }
  fprintf(stderr, "cannot read %s\n", path);
  exit(2);
}

/* Parses tests/data/<relative> with `options` (NULL: strict JSON, default limits). */
static inline swe_status parse_sample(const char *relative, const swe_parse_options *options,
                                      swe_event **event_out, swe_error **error_out) {
  size_t len;
  char *text = read_sample(relative, &len);
  swe_status status = swe_event_parse(text, len, options, event_out, error_out);
  free(text);
  return status;
}

/* Parses NUL-terminated text with the default options. */
static inline swe_status parse_text(const char *text, swe_event **event_out,
                                    swe_error **error_out) {
  return swe_event_parse(text, strlen(text), NULL, event_out, error_out);
}

#endif /* SWE_TESTS_CHECK_H */
