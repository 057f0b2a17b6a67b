/*
 * Shared by runner.c and runner.cpp: reading case files (cJSON), making a case's input,
 * comparing an expected outcome with an actual one, and the main loop. Each runner defines
 *   static cJSON *run_case(const cJSON *c, const char **problem);
 * (the actual outcome: {"event": ...}, {"error": ...} or {"outcomes": [...]}) and calls
 * runner_main(). Valid C11 and C++17.
 */
#ifndef SWE_CONFORMANCE_RUNNER_COMMON_H
#define SWE_CONFORMANCE_RUNNER_COMMON_H
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The C name of a kind without its prefix, as the case files write it. */
static const char *kind_label(swe_kind k) {
  static const char *names[] = {"UNKNOWN",
                                "MESSAGES_CREATED",
                                "ROOMS_UNREAD",
                                "ROOMS_READ",
                                "CALLS_CREATED",
                                "CALLS_CONNECTED",
                                "CALLS_DISCONNECTED",
                                "ROOMS_SELECTED",
                                "MEMBERSHIPS_CREATED",
                                "MEMBERSHIPS_DELETED",
                                "NOTIFICATION_CREATED",
                                "NOTIFICATION_CLICKED",
                                "MENTION_CLICKED",
                                "ACTIVITY_CHANGED",
                                "ADD_CLICKED",
                                "PROFILE_CLICKED",
                                "USER_SIGNOUT_CLICKED",
                                "CALL_MEMBERSHIPS_NOTIFIED",
                                "CALL_MEMBERSHIPS_CONNECTED",
                                "CALL_MEMBERSHIPS_DECLINED",
                                "CALL_MEMBERSHIPS_DISCONNECTED",
                                "CALL_MEMBERSHIPS"};
  return k < sizeof names / sizeof *names ? names[k] : "?";
}

static cJSON *run_case(const cJSON *c, const char **problem);

static const char *root = ".";

typedef struct {
  char *ptr;
  size_t len;
} buf;

static char *read_file(const char *path, size_t *len_out) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, len = 0;
  char *data = (char *)malloc(cap + 1);
  size_t n;
  while ((n = fread(data + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) {
      cap *= 2;
      data = (char *)realloc(data, cap + 1);
    }
  }
  fclose(f);
  data[len] = 0;
  *len_out = len;
  return data;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* The case's input bytes; NULL with *problem set when the case is malformed. */
static char *case_input(const cJSON *c, size_t *len, const char **problem) {
  const cJSON *s = c;
  const cJSON *stream = cJSON_GetObjectItemCaseSensitive(c, "stream");
  if (stream) s = stream;
  const cJSON *v;
  if ((v = cJSON_GetObjectItemCaseSensitive(s, "input")) && cJSON_IsString(v)) {
    *len = strlen(v->valuestring);
    char *out = (char *)malloc(*len + 1);
    memcpy(out, v->valuestring, *len + 1);
    return out;
  }
  if ((v = cJSON_GetObjectItemCaseSensitive(s, "input_file")) && cJSON_IsString(v)) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", root, v->valuestring);
    char *out = read_file(path, len);
    if (!out) *problem = "cannot read input_file";
    return out;
  }
  if ((v = cJSON_GetObjectItemCaseSensitive(s, "input_hex")) && cJSON_IsString(v)) {
    size_t n = strlen(v->valuestring);
    if (n % 2) {
      *problem = "odd input_hex";
      return NULL;
    }
    char *out = (char *)malloc(n / 2 + 1);
    for (size_t i = 0; i < n / 2; i++) {
      int hi = hexval(v->valuestring[2 * i]), lo = hexval(v->valuestring[2 * i + 1]);
      if (hi < 0 || lo < 0) {
        free(out);
        *problem = "bad input_hex";
        return NULL;
      }
      out[i] = (char)(hi * 16 + lo);
    }
    *len = n / 2;
    return out;
  }
  if ((v = cJSON_GetObjectItemCaseSensitive(s, "input_recipe")) && cJSON_IsObject(v)) {
    const cJSON *pre = cJSON_GetObjectItemCaseSensitive(v, "prefix");
    const cJSON *rep = cJSON_GetObjectItemCaseSensitive(v, "repeat");
    const cJSON *cnt = cJSON_GetObjectItemCaseSensitive(v, "count");
    const cJSON *suf = cJSON_GetObjectItemCaseSensitive(v, "suffix");
    const char *p = cJSON_IsString(pre) ? pre->valuestring : "";
    const char *r = cJSON_IsString(rep) ? rep->valuestring : "";
    const char *x = cJSON_IsString(suf) ? suf->valuestring : "";
    size_t count = cJSON_IsNumber(cnt) ? (size_t)cnt->valuedouble : 0;
    size_t pl = strlen(p), rl = strlen(r), xl = strlen(x);
    *len = pl + rl * count + xl;
    char *out = (char *)malloc(*len + 1);
    memcpy(out, p, pl);
    for (size_t i = 0; i < count; i++) memcpy(out + pl + i * rl, r, rl);
    memcpy(out + pl + rl * count, x, xl);
    out[*len] = 0;
    return out;
  }
  *problem = "no input, input_file, input_hex or input_recipe";
  return NULL;
}

/* ---- comparing: objects are subsets (each expected key present and equal), lists match
 * element by element, scalars are equal ---- */

static void describe(const cJSON *v, char *out, size_t n) {
  char *s = v ? cJSON_PrintUnformatted(v) : NULL;
  snprintf(out, n, "%s", s ? s : "(missing)");
  if (strlen(out) > 200) strcpy(out + 197, "...");
  free(s);
}

static int compare(const cJSON *want, const cJSON *got, const char *where, const char *name) {
  char a[256], b[256];
  if (cJSON_IsObject(want)) {
    if (!cJSON_IsObject(got)) goto differ;
    int ok = 1;
    const cJSON *item;
    cJSON_ArrayForEach(item, want) {
      char sub[512];
      snprintf(sub, sizeof sub, "%s%s%s", where, *where ? "." : "", item->string);
      const cJSON *g = cJSON_GetObjectItemCaseSensitive(got, item->string);
      if (!g) {
        describe(item, a, sizeof a);
        printf("FAIL %s: %s: expected %s, not exposed or missing\n", name, sub, a);
        ok = 0;
      } else if (!compare(item, g, sub, name)) {
        ok = 0;
      }
    }
    return ok;
  }
  if (cJSON_IsArray(want)) {
    if (!cJSON_IsArray(got) || cJSON_GetArraySize(want) != cJSON_GetArraySize(got)) goto differ;
    int ok = 1;
    for (int i = 0; i < cJSON_GetArraySize(want); i++) {
      char sub[512];
      snprintf(sub, sizeof sub, "%s[%d]", where, i);
      if (!compare(cJSON_GetArrayItem(want, i), cJSON_GetArrayItem(got, i), sub, name)) ok = 0;
    }
    return ok;
  }
  if (cJSON_Compare(want, got, true)) return 1;
differ:
  describe(want, a, sizeof a);
  describe(got, b, sizeof b);
  printf("FAIL %s: %s: expected %s, got %s\n", name, where, a, b);
  return 0;
}

static cJSON *expected_of(const cJSON *c) {
  cJSON *want = cJSON_CreateObject();
  const char *keys[] = {"event", "error", "outcomes"};
  for (int i = 0; i < 3; i++) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(c, keys[i]);
    if (v) cJSON_AddItemReferenceToObject(want, keys[i], (cJSON *)v);
  }
  return want;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int runner_main(int argc, char **argv) {
  int argi = 1;
  if (argi + 1 < argc && strcmp(argv[argi], "--root") == 0) {
    root = argv[argi + 1];
    argi += 2;
  }
  if (argi < argc && strcmp(argv[argi], "--generate") == 0) {
    if (argi + 2 >= argc) return 2;
    size_t len;
    char *text = read_file(argv[argi + 1], &len);
    cJSON *doc = text ? cJSON_Parse(text) : NULL;
    if (!doc) {
      fprintf(stderr, "cannot read %s\n", argv[argi + 1]);
      return 2;
    }
    cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
      const char *problem = NULL;
      cJSON *actual = run_case(c, &problem);
      if (!actual) {
        fprintf(stderr, "%s: %s\n", cJSON_GetObjectItemCaseSensitive(c, "name")->valuestring, problem);
        return 2;
      }
      cJSON *item = actual->child;
      while (item) {
        cJSON *next = item->next;
        cJSON_AddItemToObject(c, item->string, cJSON_DetachItemViaPointer(actual, item));
        item = next;
      }
      cJSON_Delete(actual);
    }
    char *out = cJSON_PrintUnformatted(doc);
    FILE *f = fopen(argv[argi + 2], "wb");
    fputs(out, f);
    fclose(f);
    free(out);
    cJSON_Delete(doc);
    free(text);
    return 0;
  }

  char **files = NULL;
  size_t nfiles = 0;
  if (argi < argc) {
    files = argv + argi;
    nfiles = (size_t)(argc - argi);
  } else {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/conformance/cases", root);
    DIR *d = opendir(dir);
    if (!d) {
      fprintf(stderr, "cannot open %s\n", dir);
      return 2;
    }
    struct dirent *de;
    while ((de = readdir(d))) {
      size_t n = strlen(de->d_name);
      if (n > 5 && strcmp(de->d_name + n - 5, ".json") == 0) {
        files = (char **)realloc(files, (nfiles + 1) * sizeof *files);
        char *p = (char *)malloc(strlen(dir) + n + 2);
        sprintf(p, "%s/%s", dir, de->d_name);
        files[nfiles++] = p;
      }
    }
    closedir(d);
    qsort(files, nfiles, sizeof *files, cmp_names);
  }

  int passed = 0, failed = 0;
  for (size_t i = 0; i < nfiles; i++) {
    size_t len;
    char *text = read_file(files[i], &len);
    cJSON *doc = text ? cJSON_Parse(text) : NULL;
    const cJSON *format = doc ? cJSON_GetObjectItemCaseSensitive(doc, "format") : NULL;
    if (!doc || !cJSON_IsNumber(format) || format->valueint != 1) {
      printf("FAIL %s: not a format-1 case file\n", files[i]);
      failed++;
      free(text);
      cJSON_Delete(doc);
      continue;
    }
    cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
      const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
      const char *n = cJSON_IsString(name) ? name->valuestring : "(unnamed)";
      const char *problem = NULL;
      cJSON *actual = run_case(c, &problem);
      if (!actual) {
        printf("FAIL %s: %s\n", n, problem);
        failed++;
        continue;
      }
      cJSON *want = expected_of(c);
      if (!want->child) {
        printf("FAIL %s: no expected outcome\n", n);
        failed++;
      } else if (compare(want, actual, "", n)) {
        passed++;
      } else {
        failed++;
      }
      cJSON_Delete(want);
      cJSON_Delete(actual);
    }
    cJSON_Delete(doc);
    free(text);
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}

#endif
