"""Hostile and wrong inputs: each is a Python exception, never a crash."""

from __future__ import annotations

import contextlib
import copy
import gc
import pickle
from typing import Any

import pytest

import spaces_widget_events as swe

VALID = '{"resource":"x","event":"y","data":{}}'


def parse_error(data: Any, **kw: Any) -> swe.ParseError:
    with pytest.raises(swe.ParseError) as info:
        swe.parse(data, **kw)
    return info.value


def test_invalid_utf8_bytes() -> None:
    err = parse_error(b'{"resource":"messages","event":"created","data":{"text":"\xff"}}')
    assert err.code == "SWE_ERROR_INVALID_UTF8"
    assert err.offset == 57
    assert (err.line, err.column) == (1, 58)


@pytest.mark.parametrize("data", [b"\xc3", b"\xed\xa0\x80", b"\x80" * 10, b"\xf8\x88\x80\x80\x80"])
def test_more_invalid_utf8(data: bytes) -> None:
    assert parse_error(b'{"a":"' + data + b'"}').code == "SWE_ERROR_INVALID_UTF8"


def test_lone_surrogate_in_str_is_invalid_utf8() -> None:
    err = parse_error('{"resource":"x","event":"y","data":{"t":"\ud800"}}')
    assert err.code == "SWE_ERROR_INVALID_UTF8"


def test_escaped_lone_surrogate() -> None:
    err = parse_error('{"resource":"x","event":"y","data":{"t":"\\ud800"}}')
    assert err.code == "SWE_ERROR_INVALID_STRING"
    assert err.path == "data.t"


def test_huge_nesting() -> None:
    err = parse_error('{"resource":"x","event":"y","data":{"a":' + "[" * 100_000)
    assert err.code == "SWE_ERROR_TOO_DEEP"
    assert err.line == 1
    err = parse_error("{" * 1_000_000)
    assert err.code in ("SWE_ERROR_TOO_DEEP", "SWE_ERROR_SYNTAX")
    deep = '{"resource":"x","event":"y","data":{"a":' + "[" * 70 + "]" * 70 + "}}"
    assert parse_error(deep).code == "SWE_ERROR_TOO_DEEP"
    assert swe.parse(deep, max_depth=100).raw["a"] is not None


def test_limits() -> None:
    big = '{"resource":"x","event":"y","data":{"t":"' + "a" * 2000 + '"}}'
    assert parse_error(big, max_string_bytes=100).code == "SWE_ERROR_STRING_TOO_LONG"
    assert parse_error(big, max_input_bytes=100).code == "SWE_ERROR_INPUT_TOO_LARGE"
    assert swe.parse(big).raw["t"] == "a" * 2000
    with pytest.raises(ValueError):
        swe.parse(big, max_depth=0)
    with pytest.raises(TypeError):
        swe.parse(big, max_depth="3")  # type: ignore[arg-type]
    with pytest.raises(swe.SweError) as info:
        swe.parse(big, max_input_bytes=2**40)
    assert info.value.code == "SWE_ERROR_INVALID_ARGUMENT"


@pytest.mark.parametrize("data", [None, 42, 4.2, ["x"], {"resource": "x"}, object()])
def test_wrong_types(data: Any) -> None:
    with pytest.raises(TypeError):
        swe.parse(data)


def test_bytes_like_inputs() -> None:
    assert swe.parse(VALID.encode()).name == "x:y"
    assert swe.parse(bytearray(VALID.encode())).name == "x:y"
    assert swe.parse(memoryview(VALID.encode())).name == "x:y"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "SWE_ERROR_TRUNCATED"),
        ("   ", "SWE_ERROR_TRUNCATED"),
        ("null", "SWE_ERROR_SYNTAX"),
        ("[]", "SWE_ERROR_SYNTAX"),
        ("{}", "SWE_ERROR_MISSING_FIELD"),
        ('{"resource":"rooms","event":"read"}', "SWE_ERROR_MISSING_FIELD"),
        ('{"resource":"messages","event":"created","data":5}', "SWE_ERROR_WRONG_TYPE"),
        ('{"resource":"messages","event":"created","data":{"text":5}}', "SWE_ERROR_WRONG_TYPE"),
        (VALID + " trailing", "SWE_ERROR_SYNTAX"),
        ('{"resource":"x","resource":"x","event":"y","data":{}}', "SWE_ERROR_DUPLICATE_KEY"),
        (
            '{"resource":"x","event":"y","data":{"n":' + "1" * 200 + "}}",
            "SWE_ERROR_NUMBER_TOO_LONG",
        ),
        ('{"resource":"x","event":"y","data":{"t":"a\x01"}}', "SWE_ERROR_INVALID_STRING"),
        ("{resource:'x',event:'y',data:{}}", "SWE_ERROR_SYNTAX"),
        ('{"resource":"x","event":"y","data":{"t":"abc', "SWE_ERROR_TRUNCATED"),
        ("\x00" * 10, "SWE_ERROR_SYNTAX"),
    ],
)
def test_bad_text(text: str, code: str) -> None:
    err = parse_error(text)
    assert err.code == code
    assert isinstance(err, ValueError)
    assert err.status < 0
    assert err.message


def test_wrong_type_names_field() -> None:
    err = parse_error('{"resource":"messages","event":"created","data":{"text":5}}')
    assert err.path == "data.text"
    assert (err.offset, err.line, err.column) == (56, 1, 57)


def test_multiline_position() -> None:
    err = parse_error('{\n  "resource": "x",\n  "event": "y"\n  "data": {}\n}')
    assert err.code == "SWE_ERROR_SYNTAX"
    assert (err.line, err.column) == (4, 3)


def test_errors_pickle() -> None:
    err = parse_error("{")
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is swe.ParseError
    assert (copy.code, copy.offset, copy.line, copy.column, copy.path) == (
        err.code,
        err.offset,
        err.line,
        err.column,
        err.path,
    )


def test_big_random_garbage_never_crashes() -> None:
    import random

    rng = random.Random(1234)
    for _ in range(300):
        blob = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 200)))
        with contextlib.suppress(swe.ParseError):
            swe.parse(blob)
        mutated = bytearray(VALID.encode())
        mutated[rng.randrange(len(mutated))] = rng.getrandbits(8)
        with contextlib.suppress(swe.ParseError):
            swe.parse(bytes(mutated))


def test_to_json_bad_form() -> None:
    e = swe.parse(VALID)
    with pytest.raises(ValueError):
        e.to_json(form="nope")  # type: ignore[arg-type]


def test_events_cannot_be_constructed_directly() -> None:
    with pytest.raises(TypeError):
        swe.Event()


def test_events_copy_as_themselves_and_refuse_pickling() -> None:
    # Events are immutable: a copy is the event itself. A pickled or deep-copied event would
    # hold the same library pointer as the original, and free it twice.
    line = '{"resource":"rooms","event":"read","data":{"id":"x","type":"direct"}}'
    single = swe.parse(line)
    batch = next(swe.iter_events([line]))
    for event in (single, batch):
        assert copy.copy(event) is event
        assert copy.deepcopy(event) is event
        assert copy.deepcopy({"e": [event]})["e"][0] is event
        with pytest.raises(TypeError):
            pickle.dumps(event)
    for owner in (single.__dict__["_owned"], batch.__dict__["_c"]):
        with pytest.raises(TypeError):
            copy.deepcopy(owner)
    del single, batch
    gc.collect()
    assert swe.parse(line).to_json() == line
