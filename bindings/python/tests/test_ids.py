"""WebexId."""

from __future__ import annotations

import pytest

from spaces_widget_events import WebexId

PEOPLE = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xZjdkZTVjYi04NTYxLTQ2NzEtYmMwMy1iYzk3NDMxNDQ0MmQ"
TRAILING = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmX"
CANONICAL = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmU"
MEMBERSHIP = (
    "Y2lzY29zcGFyazovL3VzL01FTUJFUlNISVAvMGQwYzkxYjYtY2U2MC00NzI1LWI2ZDAtMzQ1NWQ1ZDExZWYz"
    "OmNkZTFkZDQwLTJmMGQtMTFlNS1iYTljLTdiNjU1NmQyMjA3Yg"
)


def test_parse() -> None:
    i = WebexId.parse(PEOPLE)
    assert (i.cluster, i.type, i.local_id) == (
        "us",
        "PEOPLE",
        "1f7de5cb-8561-4671-bc03-bc974314442d",
    )
    assert i.uri == "ciscospark://us/PEOPLE/1f7de5cb-8561-4671-bc03-bc974314442d"
    assert i.canonical
    assert str(i) == PEOPLE
    m = WebexId.parse(MEMBERSHIP)
    assert m.type == "MEMBERSHIP"
    assert m.local_id == (
        "0d0c91b6-ce60-4725-b6d0-3455d5d11ef3:cde1dd40-2f0d-11e5-ba9c-7b6556d2207b"
    )


def test_trailing_bits_padding_and_standard_alphabet() -> None:
    lenient = WebexId.parse(TRAILING)
    assert not lenient.canonical
    assert str(lenient) == CANONICAL
    assert lenient == WebexId.parse(CANONICAL)
    padded = WebexId.parse(CANONICAL + "=" * (-len(CANONICAL) % 4))
    assert padded == lenient and not padded.canonical
    uri = "ciscospark://us/CONTENT/a/b?/~~~"
    standard = WebexId("us", "CONTENT", "a/b?/~~~")
    encoded = str(standard)
    assert "-" in encoded or "_" in encoded
    std = encoded.replace("-", "+").replace("_", "/")
    parsed = WebexId.parse(std)
    assert parsed.uri == uri and not parsed.canonical and parsed.local_id == "a/b?/~~~"


def test_equality_ignores_cluster() -> None:
    us = WebexId("us", "ROOM", "abc")
    eu = WebexId("urn:TEAM:eu-central-1_k", "ROOM", "abc")
    assert us == eu and hash(us) == hash(eu)
    assert WebexId.parse(str(eu)).cluster == "urn:TEAM:eu-central-1_k"
    assert us != WebexId("us", "PEOPLE", "abc")
    assert us != "abc"
    assert len({us, eu, WebexId("us", "ROOM", "abd")}) == 2


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "1f7de5cb-8561-4671-bc03-bc974314442d",
        "not base64!",
        "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8",  # ciscospark://us/PEOPLE/ : no local id
        "aGVsbG8",  # hello
        "Y",
        "//79",  # invalid UTF-8
    ],
)
def test_malformed(bad: str) -> None:
    with pytest.raises(ValueError):
        WebexId.parse(bad)


def test_wrong_type() -> None:
    with pytest.raises(TypeError):
        WebexId.parse(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        WebexId("us/x", "ROOM", "a")


def test_invalid_utf8_and_errors_are_value_errors() -> None:
    with pytest.raises(ValueError) as info:
        WebexId.parse(b"\xff\xfe")
    assert getattr(info.value, "code", None) == "SWE_ERROR_INVALID_UTF8"
    with pytest.raises(ValueError) as info:
        WebexId.parse("not base64!")
    assert getattr(info.value, "code", None) == "SWE_ERROR_INVALID_VALUE"


def test_agrees_with_event_warnings() -> None:
    import spaces_widget_events as swe

    event = swe.parse(
        f'{{"resource":"messages","event":"created","data":{{"toPersonId":"{TRAILING}"}}}}'
    )
    assert "ID_NOT_CANONICAL" in [w.name for w in event.warnings]
    assert not WebexId.parse(TRAILING).canonical
