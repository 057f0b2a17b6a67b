"""Typed widget events delivered to a Python listener: this binding's batch path beside its
per-event path and the JSON libraries a Python host would otherwise use.

usage: bench.py CORPUS.ndjson [--runs N] [--per-event-lines N]

Each contender reads the whole corpus (already in memory), turns every line into an event
and hands it to a listener chosen by resource and event; the listener reads two fields (the
name and the actor id). Prints events per second (the median of ``--runs`` runs), the ratio
to each other contender and, for this binding, calls into the library per event.

- ``swe batch``: ``Emitter.emit_lines`` over the whole corpus (the library parses about a
  megabyte of lines per call; fields are decoded in Python when read).
- ``swe per-event``: ``Emitter.emit_json`` per line (on the first ``--per-event-lines``).
- ``json``, ``orjson``: ``loads`` then a dict of handlers keyed by (resource, event).
- ``msgspec``: the envelope decoded into a Struct, ``data`` into the Struct of its kind.

orjson and msgspec are optional: a contender whose module is missing is skipped.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import spaces_widget_events as swe
from spaces_widget_events import _ffi

Runner = Callable[[bytes, list[bytes]], int]


# -- this binding ---------------------------------------------------------------------------


def swe_batch(data: bytes, lines: list[bytes]) -> int:
    seen = [0]

    def listener(event: swe.Event) -> None:
        seen[0] += len(event.name) + len(event.actor_id or "")

    with swe.Emitter() as emitter:
        emitter.on("*", listener)
        count = emitter.emit_lines(data)
    assert seen[0] > 0
    return count


def swe_per_event(data: bytes, lines: list[bytes]) -> int:
    seen = [0]

    def listener(event: swe.Event) -> None:
        seen[0] += len(event.name) + len(event.actor_id or "")

    with swe.Emitter() as emitter:
        emitter.on("*", listener)
        for line in lines:
            emitter.emit_json(line)
    return len(lines)


# -- dict-based anchors ----------------------------------------------------------------------


def _dict_runner(loads: Callable[[bytes], Any]) -> Runner:
    def run(data: bytes, lines: list[bytes]) -> int:
        seen = [0]

        def on_any(detail: dict[str, Any]) -> None:
            seen[0] += len(detail["resource"]) + len(detail.get("actorId") or "")

        def on_message(detail: dict[str, Any]) -> None:
            seen[0] += len(detail["event"]) + len(detail.get("actorId") or "")

        handlers = {("messages", "created"): on_message}
        for line in lines:
            detail = loads(line)
            handlers.get((detail["resource"], detail["event"]), on_any)(detail)
        assert seen[0] > 0
        return len(lines)

    return run


try:
    import msgspec
except ImportError:  # optional: the contender is skipped
    msgspec = None

if msgspec is not None:

    class Envelope(msgspec.Struct):
        resource: str
        event: str
        data: msgspec.Raw
        actorId: str | None = None
        action: str | None = None

    class Message(msgspec.Struct):
        id: str
        roomId: str
        personId: str
        created: str
        roomType: str | None = None
        text: str | None = None
        html: str | None = None
        personEmail: str | None = None
        files: list[Any] | None = None
        mentionedPeople: Any = None
        actorId: str | None = None
        actorName: str | None = None

    class Room(msgspec.Struct):
        id: str
        type: str | None = None
        title: str | None = None
        isLocked: bool | None = None
        teamId: str | None = None
        lastActivity: str | None = None
        created: str | None = None
        actorId: str | None = None
        actorName: str | None = None

    class Call(msgspec.Struct):
        call: Any = None
        roomId: str | None = None
        personId: str | None = None
        personEmail: str | None = None
        actorId: str | None = None
        actorName: str | None = None


def _msgspec_runner() -> Runner | None:
    if msgspec is None:
        return None

    envelope = msgspec.json.Decoder(Envelope)
    typed = {
        ("messages", "created"): msgspec.json.Decoder(Message),
        ("rooms", "read"): msgspec.json.Decoder(Room),
        ("rooms", "unread"): msgspec.json.Decoder(Room),
        ("calls", "created"): msgspec.json.Decoder(Call),
        ("calls", "connected"): msgspec.json.Decoder(Call),
        ("calls", "disconnected"): msgspec.json.Decoder(Call),
    }
    other = msgspec.json.Decoder(dict[str, Any])

    def run(data: bytes, lines: list[bytes]) -> int:
        seen = [0]
        for line in lines:
            env = envelope.decode(line)
            decoder = typed.get((env.resource, env.event), other)
            body = decoder.decode(env.data)
            seen[0] += len(env.resource) + len(env.actorId or "")
            del body
        assert seen[0] > 0
        return len(lines)

    return run


def _contenders(per_event_lines: int) -> dict[str, tuple[Runner, int | None]]:
    found: dict[str, tuple[Runner, int | None]] = {
        "swe batch": (swe_batch, None),
        "swe per-event": (swe_per_event, per_event_lines),
        "json": (_dict_runner(json.loads), None),
    }
    try:
        import orjson

        found["orjson"] = (_dict_runner(orjson.loads), None)
    except ImportError:
        print("orjson is not installed: skipped")
    runner = _msgspec_runner()
    if runner is None:
        print("msgspec is not installed: skipped")
    else:
        found["msgspec"] = (runner, None)
    return found


def library_calls(data: bytes) -> int:
    """Calls into the library made by one ``swe batch`` run (every ``swe_*`` function)."""
    lib = _ffi.lib
    counted = [0]
    saved: dict[str, Any] = {}
    for name in [n for n in dir(lib) if n.startswith("swe_")] + [
        "swe_batch_reader_new",
        "swe_batch_reader_feed",
        "swe_batch_reader_finish",
        "swe_batch_reader_free",
        "swe_batch_get_view",
        "swe_batch_event",
        "swe_batch_free",
        "swe_emitter_new",
        "swe_emitter_on_event",
        "swe_emitter_free",
        "swe_kind_from_name",
    ]:
        if name in saved:
            continue
        function = getattr(lib, name)
        saved[name] = function

        def wrapper(*args: Any, _f: Any = function) -> Any:
            counted[0] += 1
            return _f(*args)

        setattr(lib, name, wrapper)
    try:
        swe_batch(data, [])
    finally:
        for name, function in saved.items():
            setattr(lib, name, function)
    return counted[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--per-event-lines", type=int, default=10_000)
    args = parser.parse_args()
    with open(args.corpus, "rb") as f:
        data = f.read()
    lines = data.splitlines()
    print(f"corpus: {len(lines):,} events, {len(data) / len(lines):.0f} bytes each")
    contenders = _contenders(args.per_event_lines)
    rates: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(args.runs):  # round robin, so that machine noise hits every row alike
        for name, (runner, limit) in contenders.items():
            subset = lines[:limit] if limit else lines
            text = b"\n".join(subset) + b"\n" if limit else data
            start = time.perf_counter()
            count = runner(text, subset)
            elapsed = time.perf_counter() - start
            assert count == len(subset), (name, count)
            rates[name].append(count / elapsed)
    medians = {name: statistics.median(r) for name, r in rates.items()}
    names = list(medians)
    print(
        f"\n{'contender':15} {'events/s':>11} {'us/event':>9}  "
        + " ".join(f"{'vs ' + n:>13}" for n in names)
    )
    for name in names:
        ratios = " ".join(f"{medians[name] / medians[other]:>12.2f}x" for other in names)
        print(f"{name:15} {medians[name]:>11,.0f} {1e6 / medians[name]:>9.2f}  {ratios}")
    calls = library_calls(data)
    print(
        f"\nswe batch: {calls} calls into the library for {len(lines):,} events "
        f"({calls / len(lines):.4f} per event); swe per-event: 1 call per event plus a "
        "callback and ~10 accessor calls per event"
    )


if __name__ == "__main__":
    main()
