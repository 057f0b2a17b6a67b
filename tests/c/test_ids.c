/*
 * Webex ids: decoding into URI, cluster, type and local id, canonical re-encoding, equality
 * across encodings, and text that is no id.
 */
#include "check.h"

#define PERSON_B_URI "ciscospark://us/PEOPLE/f06d71a5-0833-4fa5-a72a-cc89b25eee2e"
#define PERSON_B_PADDED PERSON_B "="

/* Parses an id that must be valid. */
static swe_id *parse_id(const char *text) {
  swe_id *id = NULL;
  CHECK_STATUS(SWE_OK, swe_id_parse(text, strlen(text), &id, NULL));
  return id;
}

static void check_encodes_to(const swe_id *id, const char *expected) {
  char *text = NULL;
  size_t len = 0;
  if (CHECK_STATUS(SWE_OK, swe_id_encode(id, &text, &len, NULL))) {
    CHECK_CSTR(expected, text);
    CHECK_SIZE(strlen(expected), len);
  }
  swe_string_free(text);
}

static void test_canonical_id_decodes_into_its_parts(void) {
  swe_id *id = parse_id(PERSON_B);
  CHECK_STR(PERSON_B_URI, swe_id_uri(id));
  CHECK_STR("us", swe_id_cluster(id));
  CHECK_STR("PEOPLE", swe_id_type(id));
  CHECK_STR("f06d71a5-0833-4fa5-a72a-cc89b25eee2e", swe_id_local_id(id));
  CHECK(swe_id_was_canonical(id));
  check_encodes_to(id, PERSON_B);
  swe_id_free(id);
}

static void test_membership_id_has_two_uuids_as_local_id(void) {
  swe_id *id = parse_id(MEMBERSHIP);
  CHECK_STR("MEMBERSHIP", swe_id_type(id));
  CHECK_STR("0d0c91b6-ce60-4725-b6d0-3455d5d11ef3:cde1dd40-2f0d-11e5-ba9c-7b6556d2207b",
            swe_id_local_id(id));
  swe_id_free(id);
}

static void test_non_canonical_ids_encode_canonically_and_stay_equal(void) {
  swe_id *canonical = parse_id(PERSON_B);
  swe_id *trailing_bits = parse_id(PERSON_B_NOT_CANONICAL);
  swe_id *padded = parse_id(PERSON_B_PADDED);
  CHECK(!swe_id_was_canonical(trailing_bits));
  CHECK(!swe_id_was_canonical(padded));
  CHECK_STR(PERSON_B_URI, swe_id_uri(trailing_bits));
  CHECK_STR(PERSON_B_URI, swe_id_uri(padded));
  check_encodes_to(trailing_bits, PERSON_B);
  check_encodes_to(padded, PERSON_B);
  CHECK(swe_id_equal(canonical, trailing_bits));
  CHECK(swe_id_equal(padded, canonical));
  swe_id_free(padded);
  swe_id_free(trailing_bits);
  swe_id_free(canonical);
}

static void test_ids_of_other_objects_differ(void) {
  swe_id *a = parse_id(PERSON_A);
  swe_id *b = parse_id(PERSON_B);
  swe_id *room = parse_id(ROOM);
  CHECK(!swe_id_equal(a, b));
  CHECK(!swe_id_equal(room, a));
  CHECK(swe_id_equal(a, a));
  swe_id_free(room);
  swe_id_free(b);
  swe_id_free(a);
}

static void test_text_that_is_no_id_is_an_invalid_value(void) {
  static const char *const texts[] = {"not base64!", "aGVsbG8" /* "hello" */, ""};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    swe_id *id = SENTINEL;
    swe_error *error = NULL;
    CHECK_STATUS(SWE_ERROR_INVALID_VALUE, swe_id_parse(texts[i], strlen(texts[i]), &id, &error));
    CHECK_INT(SWE_ERROR_INVALID_VALUE, swe_error_code(error));
    CHECK_PTR(SENTINEL, id);
    swe_error_free(error);
  }
  swe_id *id = SENTINEL;
  swe_error *error = NULL;
  CHECK_STATUS(SWE_ERROR_INVALID_VALUE, swe_id_parse("aGVsbG8", 7, &id, &error));
  CHECK_STR("not a Webex id: not a ciscospark://<cluster>/<TYPE>/<local id> URI",
            swe_error_message(error));
  swe_error_free(error);
  CHECK_STATUS(SWE_ERROR_INVALID_VALUE,
               swe_id_parse("1f7de5cb-8561-4671-bc03-bc974314442d", 36, &id, &error));
  CHECK_STR("not a Webex id: a bare UUID", swe_error_message(error));
  swe_error_free(error);
  CHECK_STATUS(SWE_ERROR_INVALID_UTF8, swe_id_parse("Y2lz\xFF", 5, &id, NULL));
  CHECK_STATUS(SWE_ERROR_INVALID_VALUE, swe_id_parse(NULL, 0, &id, NULL));
  CHECK_PTR(SENTINEL, id);
}

static void test_id_functions_reject_null_arguments(void) {
  swe_id *id = parse_id(PERSON_A);
  swe_id *out = SENTINEL;
  char *text = SENTINEL;
  size_t len = 77;
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_id_parse(NULL, 5, &out, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_id_parse(PERSON_A, strlen(PERSON_A), NULL, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_id_encode(NULL, &text, &len, NULL));
  CHECK_STATUS(SWE_ERROR_NULL_ARGUMENT, swe_id_encode(id, NULL, &len, NULL));
  CHECK_PTR(SENTINEL, out);
  CHECK_PTR(SENTINEL, text);
  CHECK_SIZE(77, len);
  swe_id_free(id);
}

static void test_id_queries_answer_null_with_defaults(void) {
  swe_id *id = parse_id(PERSON_A);
  CHECK_ABSENT(swe_id_uri(NULL));
  CHECK_ABSENT(swe_id_cluster(NULL));
  CHECK_ABSENT(swe_id_type(NULL));
  CHECK_ABSENT(swe_id_local_id(NULL));
  CHECK(!swe_id_was_canonical(NULL));
  CHECK(!swe_id_equal(NULL, id));
  CHECK(!swe_id_equal(id, NULL));
  CHECK(!swe_id_equal(NULL, NULL));
  swe_id_free(id);
}

int main(void) {
  RUN(test_canonical_id_decodes_into_its_parts);
  RUN(test_membership_id_has_two_uuids_as_local_id);
  RUN(test_non_canonical_ids_encode_canonically_and_stay_equal);
  RUN(test_ids_of_other_objects_differ);
  RUN(test_text_that_is_no_id_is_an_invalid_value);
  RUN(test_id_functions_reject_null_arguments);
  RUN(test_id_queries_answer_null_with_defaults);
  return check_summary();
}
