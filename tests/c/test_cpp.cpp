// The header from C++17: it compiles with -pedantic, its functions have C linkage, and a few
// calls work, a capture-less lambda included as a listener.
#include <string>
#include <string_view>

#include "check.h"

static std::string_view view(swe_str s) { return {s.ptr, s.len}; }

static void test_parse_and_write_back_from_cpp() {
  const std::string text = R"({"resource":"messages","event":"created","data":{"text":"hi"}})";
  swe_event *event = nullptr;
  if (!CHECK_STATUS(SWE_OK, swe_event_parse(text.data(), text.size(), nullptr, &event, nullptr))) {
    return;
  }
  swe_message_view message;
  CHECK_STATUS(SWE_OK, swe_event_message(event, &message, nullptr));
  CHECK(view(message.text) == "hi");
  CHECK(view(swe_event_name(event)) == "messages:created");
  char *json = nullptr;
  size_t len = 0;
  CHECK_STATUS(SWE_OK, swe_event_to_json(event, 0, &json, &len, nullptr));
  CHECK(std::string_view(json, len) == text);
  swe_string_free(json);
  swe_event_free(event);
}

static void test_lambda_listener_from_cpp() {
  swe_emitter *emitter = nullptr;
  CHECK_STATUS(SWE_OK, swe_emitter_new(&emitter, nullptr));
  std::string received;
  uint64_t id = 0;
  auto listener = +[](void *user_data, swe_str name, swe_str) -> int32_t {
    static_cast<std::string *>(user_data)->assign(name.ptr, name.len);
    return 0;
  };
  CHECK_STATUS(SWE_OK, swe_emitter_on_json(emitter, "rooms:*", 7, listener, &received, nullptr, &id,
                                           nullptr));
  const std::string text = R"({"resource":"spaces","event":"read","data":{}})";
  size_t delivered = 0;
  CHECK_STATUS(SWE_OK, swe_emitter_emit_json(emitter, nullptr, text.data(), text.size(), &delivered,
                                             nullptr));
  CHECK_SIZE(1, delivered);
  CHECK(received == "spaces:read");
  swe_emitter_free(emitter);
}

static void test_versions_from_cpp() {
  static_assert(SWE_ABI_VERSION == 1, "this suite describes ABI version 1");
  CHECK_INT(SWE_ABI_VERSION, swe_abi_version());
  CHECK_CSTR(SWE_VERSION_STRING, swe_version());
  CHECK_CSTR("SWE_ERROR_LISTENER", swe_status_str(SWE_ERROR_LISTENER));
}

int main() {
  RUN(test_parse_and_write_back_from_cpp);
  RUN(test_lambda_listener_from_cpp);
  RUN(test_versions_from_cpp);
  return check_summary();
}
