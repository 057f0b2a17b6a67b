/* A C program that knows the library only through an installed prefix (pkg-config). */
#include <spaces_widget_events.h>
#include <stdio.h>
#include <string.h>

_Static_assert(SWE_ABI_VERSION == 1, "this consumer is written for ABI version 1");

int main(void) {
  char header_version[32];
  snprintf(header_version, sizeof header_version, "%d.%d.%d", SWE_VERSION_MAJOR,
           SWE_VERSION_MINOR, SWE_VERSION_PATCH);
  if (strcmp(header_version, swe_version()) != 0 || strcmp(SWE_VERSION_STRING, swe_version()) != 0 ||
      swe_abi_version() != SWE_ABI_VERSION) {
    fprintf(stderr, "header %s does not match library %s\n", header_version, swe_version());
    return 1;
  }
  const char text[] = "{\"resource\":\"rooms\",\"event\":\"read\",\"data\":{\"title\":\"A\"}}";
  swe_event *event = NULL;
  if (swe_event_parse(text, sizeof text - 1, NULL, &event, NULL) != SWE_OK) {
    return 1;
  }
  printf("c consumer: %s %s\n", swe_kind_name(swe_event_kind(event)), swe_version());
  swe_event_free(event);
  return 0;
}
