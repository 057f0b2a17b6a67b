/*
 * Baseline: read the bytes alone. No parsing: the loop only touches every byte of each line,
 * which is the floor any parser sits above. Two ways, chosen by the first argument:
 *
 *   sum     add every byte into a 64-bit total, one byte at a time in the source (what a
 *           byte-at-a-time parser must at least do; the compiler may unroll or vectorise it)
 *   memchr  find each line's newline with glibc's memchr (SIMD), as an NDJSON splitter does
 *
 * usage: bytes_anchor sum|memchr <corpus.ndjson> [repeats]
 * Output and timing follow ../common/bench_common.h; the checksum is not comparable with the
 * parsing anchors'.
 */
#include "../common/bench_common.h"

/* noinline so the loop is compiled the same whatever main does around it. */
__attribute__((noinline)) static uint64_t sum_bytes(const struct bench_line *lines, size_t count)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < count; i++) {
        const unsigned char *p = (const unsigned char *)lines[i].ptr;
        for (size_t j = 0; j < lines[i].len; j++)
            sum += p[j];
    }
    return sum;
}

/* The newline (or, for a last line without one, the zeroed padding) ends each line. */
__attribute__((noinline)) static uint64_t find_newlines(const struct bench_line *lines, size_t count)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < count; i++) {
        const char *newline = (const char *)memchr(lines[i].ptr, '\n', lines[i].len + 1);
        sum += newline ? (uint64_t)(newline - lines[i].ptr) : 0;
    }
    return sum;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s sum|memchr <corpus.ndjson> [repeats]\n", argv[0]);
        return 2;
    }
    int use_memchr = strcmp(argv[1], "memchr") == 0;
    if (!use_memchr && strcmp(argv[1], "sum") != 0)
        bench_die("mode", "expected sum or memchr");
    int repeats = bench_repeats_arg(argc - 1, argv + 1, "<corpus.ndjson> [repeats]");
    struct bench_corpus corpus;
    bench_corpus_load(&corpus, argv[2]);

    uint64_t *durations = (uint64_t *)calloc((size_t)repeats, sizeof *durations);
    uint64_t checksum = 0;
    for (int r = 0; r < repeats; r++) {
        uint64_t start = bench_now_ns();
        CALLGRIND_START_INSTRUMENTATION;
        checksum = use_memchr ? find_newlines(corpus.lines, corpus.count)
                              : sum_bytes(corpus.lines, corpus.count);
        CALLGRIND_STOP_INSTRUMENTATION;
        durations[r] = bench_now_ns() - start;
    }

    bench_report(corpus.count, durations, repeats, checksum, 0, "");
    free(durations);
    bench_corpus_free(&corpus);
    return 0;
}
