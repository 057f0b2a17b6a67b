// Anchor: simdjson's DOM API (Debian libsimdjson-dev), the usual idiom: one dom::parser reused
// for every line, error codes rather than exceptions, fields read by key. See
// ../common/bench_common.h for the contract and the checksum.
#include <simdjson.h>

#include <string_view>
#include <vector>

#include "../common/bench_common.h"

namespace {

using simdjson::dom::element;

size_t string_len(element object, const char *key)
{
    std::string_view value;
    return object[key].get(value) == simdjson::SUCCESS ? value.size() : 0;
}

uint64_t process_event(simdjson::dom::parser &parser, const char *json, size_t len,
                       size_t capacity, uint64_t *errors)
{
    // Lines sit back to back in one buffer that ends with BENCH_TAIL_PADDING zeroed bytes, so the
    // bytes after each line are allocated: simdjson may read them, without a copy.
    element root;
    if (parser.parse(simdjson::padded_string_view(json, len, capacity)).get(root) !=
        simdjson::SUCCESS) {
        ++*errors;
        return 0;
    }

    std::string_view resource, event;
    if (root["resource"].get(resource) != simdjson::SUCCESS)
        resource = {};
    if (root["event"].get(event) != simdjson::SUCCESS)
        event = {};
    widget_kind kind = bench_classify(resource.data(), resource.size(), event.data(), event.size());
    uint64_t sum = uint64_t(kind) + string_len(root, "actorId");
    element data;
    if (root["data"].get(data) != simdjson::SUCCESS)
        return sum;

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
    case KIND_CALLS_DISCONNECTED: {
        element call;
        sum += string_len(data, "roomId");
        if (data["call"].get(call) == simdjson::SUCCESS)
            sum += string_len(call, "state");
        break;
    }
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
    return sum;
}

} // namespace

int main(int argc, char **argv)
{
    int repeats = bench_repeats_arg(argc, argv, "<corpus.ndjson> [repeats]");
    bench_corpus corpus;
    bench_corpus_load(&corpus, argv[1]);
    static_assert(BENCH_TAIL_PADDING >= simdjson::SIMDJSON_PADDING, "tail padding too small");
    const char *end = corpus.bytes + corpus.size + BENCH_TAIL_PADDING;

    simdjson::dom::parser parser;
    std::vector<uint64_t> durations(static_cast<size_t>(repeats));
    uint64_t checksum = 0, errors = 0;
    for (int r = 0; r < repeats; r++) {
        uint64_t sum = 0, errs = 0;
        uint64_t start = bench_now_ns();
        CALLGRIND_START_INSTRUMENTATION;
        for (size_t i = 0; i < corpus.count; i++) {
            const bench_line &line = corpus.lines[i];
            sum += process_event(parser, line.ptr, line.len, size_t(end - line.ptr), &errs);
        }
        CALLGRIND_STOP_INSTRUMENTATION;
        durations[size_t(r)] = bench_now_ns() - start;
        checksum = sum;
        errors = errs;
    }

    std::string extra = std::string("implementation=") +
                        simdjson::get_active_implementation()->name();
    bench_report(corpus.count, durations.data(), repeats, checksum, errors, extra.c_str());
    bench_corpus_free(&corpus);
    return 0;
}
