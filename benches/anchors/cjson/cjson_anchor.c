/*
 * Anchor: cJSON (Debian libcjson-dev), as a C host would use it: parse each line into a tree,
 * look fields up by name, free the tree. See ../common/bench_common.h for the contract and
 * the checksum.
 */
#include <cjson/cJSON.h>

#include "../common/bench_common.h"

/* Byte length of a string member, 0 when absent or not a string. cJSON keeps no length. */
static size_t string_len(const cJSON *object, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    return cJSON_IsString(item) ? strlen(item->valuestring) : 0;
}

static const char *string_of(const cJSON *object, const char *key, size_t *len)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    if (!cJSON_IsString(item)) {
        *len = 0;
        return NULL;
    }
    *len = strlen(item->valuestring);
    return item->valuestring;
}

static uint64_t process_event(const char *json, size_t len, uint64_t *errors)
{
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root) {
        ++*errors;
        return 0;
    }

    size_t resource_len, event_len;
    const char *resource = string_of(root, "resource", &resource_len);
    const char *event = string_of(root, "event", &event_len);
    enum widget_kind kind = bench_classify(resource, resource_len, event, event_len);
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
    uint64_t sum = (uint64_t)kind + string_len(root, "actorId");

    switch (kind) {
    case KIND_MESSAGES_CREATED:
        sum += string_len(data, "id") + string_len(data, "roomId") + string_len(data, "text") +
               string_len(data, "created");
        break;
    case KIND_ROOMS_UNREAD:
    case KIND_ROOMS_READ:
    case KIND_ROOMS_SELECTED:
        sum += string_len(data, "id") + string_len(data, "title") +
               string_len(data, "lastActivity");
        break;
    case KIND_CALLS_CREATED:
    case KIND_CALLS_CONNECTED:
    case KIND_CALLS_DISCONNECTED:
        sum += string_len(data, "roomId") +
               string_len(cJSON_GetObjectItemCaseSensitive(data, "call"), "state");
        break;
    case KIND_MEMBERSHIPS_CREATED:
        sum += string_len(data, "id") + string_len(data, "roomId") + string_len(data, "created");
        break;
    case KIND_MENTION_CLICKED:
        sum += string_len(data, "id");
        break;
    case KIND_ACTIVITY_CHANGED:
        sum += string_len(data, "name");
        break;
    case KIND_UNKNOWN:
        break;
    }

    cJSON_Delete(root);
    return sum;
}

int main(int argc, char **argv)
{
    int repeats = bench_repeats_arg(argc, argv, "<corpus.ndjson> [repeats]");
    struct bench_corpus corpus;
    bench_corpus_load(&corpus, argv[1]);

    uint64_t *durations = (uint64_t *)calloc((size_t)repeats, sizeof *durations);
    uint64_t checksum = 0, errors = 0;
    for (int r = 0; r < repeats; r++) {
        uint64_t sum = 0, errs = 0;
        uint64_t start = bench_now_ns();
        CALLGRIND_START_INSTRUMENTATION;
        for (size_t i = 0; i < corpus.count; i++)
            sum += process_event(corpus.lines[i].ptr, corpus.lines[i].len, &errs);
        CALLGRIND_STOP_INSTRUMENTATION;
        durations[r] = bench_now_ns() - start;
        checksum = sum; /* every repeat computes the same; keep the last */
        errors = errs;
    }

    bench_report(corpus.count, durations, repeats, checksum, errors, "");
    free(durations);
    bench_corpus_free(&corpus);
    return 0;
}
