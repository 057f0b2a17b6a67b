#!/usr/bin/env python3
"""Default NDJSON consumer for the bridge's end-to-end test (standard library only).

Usage: check_ndjson.py FILE. Exits 0 when every line is a strict JSON {name, detail} event
whose strings are valid Unicode (no lone surrogates), whose detail.resource/event are the first
two parts of name, and whose detail.data.call (when an object) is a summary of string fields.
Replace it with the library's own reader through SWE_BRIDGE_NDJSON_CONSUMER, e.g.
  SWE_BRIDGE_NDJSON_CONSUMER='python3 -c "import sys, spaces_widget_events as s; e = s.Emitter(); [e.emit_json(l) for l in open(sys.argv[1], encoding=\"utf-8\")]"'
"""
import json
import sys

CALL_FIELDS = {"id", "status", "state", "direction", "locusUrl", "correlationId"}


def strict_constant(name):
    raise ValueError(f"non-JSON constant {name}")


def check_strings(value, where):
    if isinstance(value, str):
        value.encode("utf-8")  # raises on lone surrogates
    elif isinstance(value, list):
        for i, v in enumerate(value):
            check_strings(v, f"{where}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            check_strings(k, where)
            check_strings(v, f"{where}.{k}")


def main(path):
    count = 0
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.decode("utf-8")  # strict: the file must be UTF-8
            if not line.strip():
                continue
            event = json.loads(line, parse_constant=strict_constant)
            check_strings(event, "$")
            name, detail = event["name"], event["detail"]
            parts = name.split(":")
            assert detail["resource"] == parts[0], (lineno, name)
            assert detail.get("event") == (parts[1] if len(parts) > 1 else None), (lineno, name)
            call = detail.get("data", {}).get("call")
            if isinstance(call, dict):
                assert set(call) <= CALL_FIELDS, (lineno, sorted(call))
                assert all(isinstance(v, str) for v in call.values()), (lineno, call)
            count += 1
    print(f"check_ndjson.py: {count} events OK in {path}")
    return 0 if count else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
