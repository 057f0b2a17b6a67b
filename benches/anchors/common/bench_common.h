/*
 * What every C and C++ benchmark program shares: load the corpus, time the processing loop,
 * classify an event name, print the result line. Header-only so each anchor is one compile.
 *
 * The contract with benches/run.py:
 *   usage:  PROGRAM <corpus.ndjson> [repeats]
 *   - the whole corpus is read into memory and split into lines BEFORE anything is timed;
 *   - each repeat runs the processing loop over every line and is timed on CLOCK_MONOTONIC;
 *   - only the loop sits between CALLGRIND_START_INSTRUMENTATION and _STOP, so callgrind run
 *     with --instr-atstart=no counts the loop alone (outside valgrind both are a few no-ops);
 *   - one line goes to stdout, `key=value` pairs separated by spaces:
 *       events=100000 repeats=5 median_events_per_sec=... best_events_per_sec=... checksum=...
 *
 * The checksum (identical across the parsing anchors, so run.py can flag a parser that read a
 * different value) adds, for every event:
 *   the kind's number (enum widget_kind below) + len(envelope actorId) + per kind:
 *     messages:created            len(data.id) + len(data.roomId) + len(data.text) + len(data.created)
 *     rooms:unread|read|selected  len(data.id) + len(data.title) + len(data.lastActivity)
 *     calls:*                     len(data.roomId) + len(data.call.state)
 *     memberships:created         len(data.id) + len(data.roomId) + len(data.created)
 *     mention:clicked             len(data.id)
 *     activity:changed            len(data.name)
 *     anything else               nothing more
 * where len is the byte length of the decoded UTF-8 string and an absent field counts 0.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <valgrind/callgrind.h>

/* Zeroed bytes kept after the last line: simdjson reads up to 64 bytes past a document's end. */
#define BENCH_TAIL_PADDING 64

struct bench_line {
    const char *ptr;
    size_t len; /* without the newline */
};

struct bench_corpus {
    char *bytes; /* the whole file, plus BENCH_TAIL_PADDING zeroed bytes */
    size_t size;
    struct bench_line *lines;
    size_t count;
};

static void bench_die(const char *what, const char *detail)
{
    fprintf(stderr, "error: %s: %s\n", what, detail);
    exit(2);
}

static void bench_corpus_load(struct bench_corpus *corpus, const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        bench_die(path, strerror(errno));
    if (fseek(file, 0, SEEK_END) != 0)
        bench_die(path, strerror(errno));
    long size = ftell(file);
    if (size < 0 || fseek(file, 0, SEEK_SET) != 0)
        bench_die(path, strerror(errno));

    char *bytes = (char *)calloc((size_t)size + BENCH_TAIL_PADDING, 1);
    if (!bytes)
        bench_die(path, "out of memory");
    if (fread(bytes, 1, (size_t)size, file) != (size_t)size)
        bench_die(path, "short read");
    fclose(file);

    size_t count = 0;
    for (long i = 0; i < size; i++)
        count += bytes[i] == '\n';
    count += size > 0 && bytes[size - 1] != '\n'; /* a last line without its newline */
    struct bench_line *lines = (struct bench_line *)malloc((count ? count : 1) * sizeof *lines);
    if (!lines)
        bench_die(path, "out of memory");

    size_t n = 0;
    const char *start = bytes, *end = bytes + size;
    while (start < end) {
        const char *newline = (const char *)memchr(start, '\n', (size_t)(end - start));
        const char *stop = newline ? newline : end;
        if (stop > start) /* blank lines are not events */
            lines[n++] = (struct bench_line){start, (size_t)(stop - start)};
        start = stop + 1;
    }
    *corpus = (struct bench_corpus){bytes, (size_t)size, lines, n};
}

static void bench_corpus_free(struct bench_corpus *corpus)
{
    free(corpus->lines);
    free(corpus->bytes);
}

static int bench_repeats_arg(int argc, char **argv, const char *usage)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s %s\n", argv[0], usage);
        exit(2);
    }
    int repeats = argc == 3 ? atoi(argv[2]) : 5;
    if (repeats < 1)
        bench_die("repeats", "must be at least 1");
    return repeats;
}

static uint64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int bench_compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/*
 * Prints the result line from the per-repeat durations (sorted in place). `extra` is appended
 * as is (more key=value pairs, or "").
 */
static void bench_report(size_t events, uint64_t *durations_ns, int repeats, uint64_t checksum,
                         uint64_t errors, const char *extra)
{
    qsort(durations_ns, (size_t)repeats, sizeof *durations_ns, bench_compare_u64);
    /* The median of the rates is the rate of the median duration (lower middle when even). */
    uint64_t median_ns = durations_ns[(repeats - 1) / 2], best_ns = durations_ns[0];
    double median = median_ns ? (double)events * 1e9 / (double)median_ns : 0.0;
    double best = best_ns ? (double)events * 1e9 / (double)best_ns : 0.0;
    printf("events=%zu repeats=%d median_events_per_sec=%.0f best_events_per_sec=%.0f "
           "checksum=%llu errors=%llu%s%s\n",
           events, repeats, median, best, (unsigned long long)checksum,
           (unsigned long long)errors, extra && *extra ? " " : "", extra ? extra : "");
}

/* The event kinds the anchors tell apart; the number is part of the checksum. */
enum widget_kind {
    KIND_UNKNOWN = 0,
    KIND_MESSAGES_CREATED = 1,
    KIND_ROOMS_UNREAD = 2,
    KIND_ROOMS_READ = 3,
    KIND_ROOMS_SELECTED = 4,
    KIND_CALLS_CREATED = 5,
    KIND_CALLS_CONNECTED = 6,
    KIND_CALLS_DISCONNECTED = 7,
    KIND_MEMBERSHIPS_CREATED = 8,
    KIND_MENTION_CLICKED = 9,
    KIND_ACTIVITY_CHANGED = 10,
};

static inline int bench_is(const char *s, size_t len, const char *literal, size_t literal_len)
{
    return len == literal_len && memcmp(s, literal, len) == 0;
}
#define BENCH_IS(s, len, literal) bench_is((s), (len), literal, sizeof(literal) - 1)

/* The hand-written switch: first byte of the resource, then exact comparisons. */
static inline enum widget_kind bench_classify(const char *resource, size_t resource_len,
                                              const char *event, size_t event_len)
{
    if (!resource || !event || resource_len == 0)
        return KIND_UNKNOWN;
    switch (resource[0]) {
    case 'm':
        if (BENCH_IS(resource, resource_len, "messages"))
            return BENCH_IS(event, event_len, "created") ? KIND_MESSAGES_CREATED : KIND_UNKNOWN;
        if (BENCH_IS(resource, resource_len, "memberships"))
            return BENCH_IS(event, event_len, "created") ? KIND_MEMBERSHIPS_CREATED : KIND_UNKNOWN;
        if (BENCH_IS(resource, resource_len, "mention"))
            return BENCH_IS(event, event_len, "clicked") ? KIND_MENTION_CLICKED : KIND_UNKNOWN;
        return KIND_UNKNOWN;
    case 'r':
        if (!BENCH_IS(resource, resource_len, "rooms"))
            return KIND_UNKNOWN;
        if (BENCH_IS(event, event_len, "unread"))
            return KIND_ROOMS_UNREAD;
        if (BENCH_IS(event, event_len, "read"))
            return KIND_ROOMS_READ;
        if (BENCH_IS(event, event_len, "selected"))
            return KIND_ROOMS_SELECTED;
        return KIND_UNKNOWN;
    case 'c':
        if (!BENCH_IS(resource, resource_len, "calls"))
            return KIND_UNKNOWN;
        if (BENCH_IS(event, event_len, "created"))
            return KIND_CALLS_CREATED;
        if (BENCH_IS(event, event_len, "connected"))
            return KIND_CALLS_CONNECTED;
        if (BENCH_IS(event, event_len, "disconnected"))
            return KIND_CALLS_DISCONNECTED;
        return KIND_UNKNOWN;
    case 'a':
        return BENCH_IS(resource, resource_len, "activity") &&
                       BENCH_IS(event, event_len, "changed")
                   ? KIND_ACTIVITY_CHANGED
                   : KIND_UNKNOWN;
    default:
        return KIND_UNKNOWN;
    }
}

#endif /* BENCH_COMMON_H */
