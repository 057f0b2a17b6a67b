"""The emitter: patterns, decorators, listener lifetimes, threads, exceptions, memory."""

from __future__ import annotations

import contextlib
import gc
import threading
import tracemalloc
import weakref
from typing import Any

import pytest
from conftest import NDJSON, read_event

import spaces_widget_events as swe
from spaces_widget_events import _emitter

MESSAGE = read_event("space.messages-created.group-plain.json")
ROOM_READ = read_event("widget-space.rooms-read.docs.json")
CALL = read_event("widget-space.calls-created.docs-2017.json")
UNKNOWN = '{"resource":"widget","event":"resized","data":{"width":1}}'


def test_patterns_and_order() -> None:
    em = swe.Emitter()
    seen: list[tuple[str, str]] = []
    em.on("messages:created", lambda e: seen.append(("exact", e.name)))
    em.on("messages:*", lambda e: seen.append(("resource", e.name)))
    em.on("*:created", lambda e: seen.append(("event", e.name)))
    em.on("*", lambda e: seen.append(("all", e.name)))
    assert em.emit_json(MESSAGE) == 4
    assert seen == [
        ("exact", "messages:created"),
        ("resource", "messages:created"),
        ("event", "messages:created"),
        ("all", "messages:created"),
    ]
    seen.clear()
    assert em.emit_json(ROOM_READ) == 1
    assert em.emit_json(CALL) == 2
    assert em.emit_json(UNKNOWN) == 1
    assert [s[0] for s in seen] == ["all", "event", "all", "all"]
    em.close()


def test_old_names_match_current_pattern() -> None:
    em = swe.Emitter()
    seen: list[swe.Event] = []
    em.on("rooms:read", seen.append)
    assert em.emit_json('{"resource":"spaces","event":"read","data":{}}') == 1
    assert isinstance(seen[0], swe.RoomRead)
    assert seen[0].name == "spaces:read"
    em.close()


def test_typed_events_reach_listeners_and_outlive_the_call() -> None:
    em = swe.Emitter()
    kept: list[swe.Event] = []
    em.on("*", kept.append)
    for line in NDJSON.read_bytes().splitlines():
        with contextlib.suppress(swe.ParseError):
            em.emit_json(line)
    em.close()
    gc.collect()
    names = [type(e).__name__ for e in kept]
    assert len(kept) == 25
    for cls in (
        "MessageCreated",
        "RoomUnread",
        "RoomRead",
        "RoomSelected",
        "CallCreated",
        "CallConnected",
        "CallDisconnected",
        "UnknownEvent",
        "MembershipCreated",
        "MentionClicked",
        "NotificationCreated",
    ):
        assert cls in names
    first = kept[0]
    assert isinstance(first, swe.MessageCreated)
    assert first.person_email == "matt@example.com"
    assert first.raw["text"] == "This is a test"
    assert swe.parse(first.to_json()) == first


def test_json_listener() -> None:
    em = swe.Emitter()
    got: list[tuple[str, str]] = []
    sub = em.on_json("*", lambda name, text: got.append((name, text)))
    assert isinstance(sub, int)
    wrapped = read_event("bridge.name-and-detail.json")
    em.emit_json(wrapped)
    em.emit(swe.parse(UNKNOWN))
    assert got[0][0] == "messages:created"
    assert got[0][1] == swe.parse(wrapped).to_json()
    assert got[1] == ("widget:resized", UNKNOWN)
    em.close()


def test_decorators() -> None:
    em = swe.Emitter()
    seen: list[str] = []

    @em.on("messages:created")
    def on_message(event: swe.Event) -> None:
        assert isinstance(event, swe.MessageCreated)
        seen.append(event.text or "")

    @em.on_json("rooms:*")
    def on_room(name: str, text: str) -> None:
        seen.append(name)

    assert callable(on_message) and on_message.__name__ == "on_message"
    sub = on_message.subscription_id  # type: ignore[attr-defined]
    assert isinstance(sub, int)
    em.emit_json(MESSAGE)
    em.emit_json(ROOM_READ)
    assert seen == ["This is a test", "rooms:read"]
    assert em.off(sub)
    em.emit_json(MESSAGE)
    assert seen == ["This is a test", "rooms:read"]
    em.close()


def test_subscription_ids_and_off() -> None:
    em = swe.Emitter()
    a = em.on("*", lambda e: None)
    b = em.on("*", lambda e: None)
    assert a != b
    assert em.emit_json(UNKNOWN) == 2
    assert em.off(a) is True
    assert em.off(a) is False
    assert em.off(12345) is False
    assert em.off(-1) is False
    assert em.off(2**70) is False
    with pytest.raises(TypeError):
        em.off("1")  # type: ignore[arg-type]
    assert em.emit_json(UNKNOWN) == 1
    em.close()


def test_bad_patterns_and_listeners() -> None:
    em = swe.Emitter()
    before = _emitter.handle_count()
    for pattern in ("", "a:b:c:*:*", "no colon here?", "*x"):
        try:
            em.on(pattern, lambda e: None)
        except swe.InvalidArgumentError as err:
            assert isinstance(err, ValueError)
            assert err.code == "SWE_ERROR_INVALID_ARGUMENT"
    with pytest.raises(TypeError):
        em.on(None, lambda e: None)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        em.on("*", 42)  # type: ignore[call-overload]
    em.close()
    assert _emitter.handle_count() == before


def test_lambda_listener_survives_gc_and_is_released_after_off() -> None:
    em = swe.Emitter()
    calls: list[str] = []

    class Listener:
        def __call__(self, event: swe.Event) -> None:
            calls.append(event.name)

    listener = Listener()
    probe = weakref.ref(listener)
    base = _emitter.handle_count()
    sub = em.on("*", listener)
    lam = em.on("*", lambda e: calls.append("lambda:" + e.name))
    del listener
    gc.collect()
    assert probe() is not None  # the handle table keeps it
    assert _emitter.handle_count() == base + 2
    assert em.emit_json(UNKNOWN) == 2
    assert calls == ["widget:resized", "lambda:widget:resized"]
    assert em.off(sub)
    gc.collect()
    assert probe() is None  # released by the library's release callback
    assert _emitter.handle_count() == base + 1
    assert em.emit_json(UNKNOWN) == 1
    em.off(lam)
    assert _emitter.handle_count() == base
    em.close()


def test_closing_or_dropping_the_emitter_releases_listeners() -> None:
    base = _emitter.handle_count()
    em = swe.Emitter()
    for _ in range(10):
        em.on("*", lambda e: None)
    assert _emitter.handle_count() == base + 10
    del em
    gc.collect()
    assert _emitter.handle_count() == base
    with swe.Emitter() as em2:
        em2.on("*", lambda e: None)
        assert _emitter.handle_count() == base + 1
    assert _emitter.handle_count() == base
    assert em2.closed
    em2.close()  # twice is fine
    with pytest.raises(ValueError):
        em2.emit_json(UNKNOWN)
    with pytest.raises(ValueError):
        em2.on("*", lambda e: None)
    assert _emitter.handle_count() == base


def test_raising_listener_reraises_in_caller() -> None:
    em = swe.Emitter()
    after: list[str] = []

    class Boom(Exception):
        pass

    def bad(event: swe.Event) -> None:
        raise Boom(event.name)

    em.on("*", bad)
    em.on("*", lambda e: after.append(e.name))
    with pytest.raises(Boom) as info:
        em.emit_json(UNKNOWN)
    assert info.value.args == ("widget:resized",)
    assert "bad" in [f.name for f in info.traceback]
    assert after == []  # delivery stopped at the raising listener
    with pytest.raises(Boom):
        em.emit(swe.parse(MESSAGE))
    json_em = swe.Emitter()
    json_em.on_json("*", lambda n, j: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        json_em.emit_json(UNKNOWN)
    # Nothing leaks into the next call.
    json_em.close()
    em.close()
    em3 = swe.Emitter()
    em3.on("*", lambda e: None)
    assert em3.emit_json(UNKNOWN) == 1
    em3.close()


def test_base_exceptions_come_back_too() -> None:
    em = swe.Emitter()

    def stop(event: swe.Event) -> None:
        raise KeyboardInterrupt

    em.on("*", stop)
    with pytest.raises(KeyboardInterrupt):
        em.emit_json(UNKNOWN)
    em.close()


def test_nested_emit_and_off_inside_listener() -> None:
    em = swe.Emitter()
    inner = swe.Emitter()
    seen: list[str] = []

    def once(event: swe.Event) -> None:
        seen.append("once")
        em.off(sub)

    sub = em.on("*", once)

    def relay(event: swe.Event) -> None:
        seen.append("relay")
        inner.emit(event)

    em.on("*", relay)
    inner.on("*", lambda e: seen.append("inner:" + e.name))

    def inner_fails(event: swe.Event) -> None:
        raise ValueError("inner")

    inner.on("widget:*", inner_fails)
    with pytest.raises(ValueError, match="inner"):
        em.emit_json(UNKNOWN)
    assert seen == ["once", "relay", "inner:widget:resized"]
    seen.clear()
    assert em.emit_json(MESSAGE) == 1  # `once` is gone
    assert seen == ["relay", "inner:messages:created"]

    def closer(event: swe.Event) -> None:
        em.close()

    em.on("rooms:*", closer)
    with pytest.raises(RuntimeError):
        em.emit_json(ROOM_READ)
    em.close()
    inner.close()


def test_subscribe_and_emit_from_many_threads() -> None:
    em = swe.Emitter()
    count = 8
    per_thread = 50
    lock = threading.Lock()
    calls: dict[int, int] = {}
    ids: list[list[int]] = [[] for _ in range(count)]
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            barrier.wait()
            for _ in range(per_thread):

                def listener(event: swe.Event, index: int = index) -> None:
                    with lock:
                        calls[index] = calls.get(index, 0) + 1

                ids[index].append(em.on("widget:*", listener))
                em.emit_json(UNKNOWN)
            for sub in ids[index][: per_thread // 2]:
                assert em.off(sub)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    all_ids = [i for chunk in ids for i in chunk]
    assert len(set(all_ids)) == count * per_thread
    assert em.emit_json(UNKNOWN) == count * per_thread // 2
    em.close()


def test_emit_from_many_threads_with_raising_listener() -> None:
    em = swe.Emitter()

    def maybe_raise(event: swe.Event) -> None:
        if threading.current_thread().name.endswith("odd"):
            raise LookupError(threading.current_thread().name)

    em.on("*", maybe_raise)
    results: dict[str, Any] = {}

    def work(name: str) -> None:
        outcome: list[Any] = []
        for _ in range(200):
            try:
                outcome.append(em.emit_json(UNKNOWN))
            except LookupError as exc:
                outcome.append(exc.args[0])
        results[name] = outcome

    threads = [
        threading.Thread(
            target=work,
            args=(f"t{i}-{'odd' if i % 2 else 'even'}",),
            name=f"t{i}-{'odd' if i % 2 else 'even'}",
        )
        for i in range(6)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name, outcome in results.items():
        expected = name if name.endswith("odd") else 1
        assert outcome == [expected] * 200
    em.close()


def test_hundred_thousand_emits_bounded_memory() -> None:
    em = swe.Emitter()
    total = 0

    def count(event: swe.Event) -> None:
        nonlocal total
        total += 1

    em.on("messages:created", count)
    em.on_json("*", lambda n, j: None)
    event = swe.parse(MESSAGE)
    raw = MESSAGE.encode()

    def burst(n: int) -> None:
        for i in range(n):
            if i % 2:
                em.emit(event)
            else:
                em.emit_json(raw)

    burst(2_000)  # warm up caches
    gc.collect()
    rss_before = _rss_kib()
    objects_before = len(gc.get_objects())
    burst(100_000)
    gc.collect()
    rss_growth = _rss_kib() - rss_before
    object_growth = len(gc.get_objects()) - objects_before
    assert total == 102_000
    assert rss_growth < 16 * 1024, f"RSS grew by {rss_growth} KiB over 100,000 emits"
    assert object_growth < 1_000, f"{object_growth} more live objects after 100,000 emits"
    # And byte for byte on the Python side, over a shorter run (tracemalloc is slow).
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        burst(5_000)
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 64 * 1024, f"Python memory grew by {after - before} bytes"
    em.close()


def _rss_kib() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def test_emit_checks_its_argument() -> None:
    em = swe.Emitter()
    with pytest.raises(TypeError):
        em.emit(MESSAGE)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        em.emit_json(None)  # type: ignore[arg-type]
    with pytest.raises(swe.ParseError) as info:
        em.emit_json(b"{\xff}")
    assert info.value.code == "SWE_ERROR_INVALID_UTF8"
    assert em.emit_json("{resource:'x',event:'y',data:{}}", literal=True) == 0
    em.close()
