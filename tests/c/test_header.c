/*
 * The header itself: it can be included twice in one translation unit, its stable numbers are
 * what it promises, and the versions it states are the library's at run time.
 */
#include "spaces_widget_events.h"
#include "spaces_widget_events.h" /* a second time: the include guard holds */

#include "check.h"

_Static_assert(SWE_VERSION_MAJOR >= 0 && SWE_VERSION_MINOR >= 0 && SWE_VERSION_PATCH >= 0,
               "the version macros are integer constants");
_Static_assert(SWE_ABI_VERSION == 1, "this suite describes ABI version 1");
_Static_assert(sizeof(swe_status) == 4 && (swe_status)-1 < 0, "swe_status is a signed 32-bit int");
_Static_assert(sizeof(swe_kind) == 4 && sizeof(swe_emit_flags) == 4, "enums travel as 32 bits");
_Static_assert(sizeof(swe_str) == sizeof(const char *) + sizeof(size_t), "swe_str is ptr, len");
/* Status numbers are stable and never reused. */
_Static_assert(SWE_OK == 0 && SWE_ERROR_NULL_ARGUMENT == -1 && SWE_ERROR_INVALID_ARGUMENT == -2 &&
                   SWE_ERROR_INTERNAL == -3,
               "argument statuses");
_Static_assert(SWE_ERROR_INVALID_UTF8 == -10 && SWE_ERROR_SYNTAX == -11 &&
                   SWE_ERROR_TRUNCATED == -12 && SWE_ERROR_INPUT_TOO_LARGE == -13 &&
                   SWE_ERROR_TOO_DEEP == -14 && SWE_ERROR_STRING_TOO_LONG == -15 &&
                   SWE_ERROR_NUMBER_TOO_LONG == -16 && SWE_ERROR_INVALID_STRING == -17 &&
                   SWE_ERROR_DUPLICATE_KEY == -18,
               "text statuses");
_Static_assert(SWE_ERROR_WRONG_TYPE == -20 && SWE_ERROR_MISSING_FIELD == -21 &&
                   SWE_ERROR_INVALID_VALUE == -22 && SWE_ERROR_VALIDATION == -23,
               "shape statuses");
_Static_assert(SWE_ERROR_WRONG_KIND == -30 && SWE_ERROR_NOT_FOUND == -31 &&
                   SWE_ERROR_OUT_OF_RANGE == -32 && SWE_ERROR_LISTENER == -40,
               "use statuses");

static void test_version_macros_match_swe_version(void) {
  char expected[32];
  snprintf(expected, sizeof expected, "%d.%d.%d", SWE_VERSION_MAJOR, SWE_VERSION_MINOR,
           SWE_VERSION_PATCH);
  CHECK_CSTR(expected, swe_version());
  CHECK_CSTR(SWE_VERSION_STRING, swe_version());
}

static void test_abi_version_macro_matches_swe_abi_version(void) {
  CHECK_INT(SWE_ABI_VERSION, swe_abi_version());
}

int main(void) {
  RUN(test_version_macros_match_swe_version);
  RUN(test_abi_version_macro_matches_swe_abi_version);
  return check_summary();
}
