"""The example host prints what the C host prints."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

HOST = REPO / "examples" / "python" / "host.py"


def test_host_on_bundled_events() -> None:
    done = subprocess.run(
        [sys.executable, str(HOST)], capture_output=True, text=True, timeout=120, check=True
    )
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "messages:created     room=ROOM/bbceb1ad-43f1-3b58-9147-f14bb0c4d154 type=group "
        'from=matt@example.com text="This is a test" '
        "created=2015-10-18T14:26:16+00:00 (1445178376000 ms) "
        'file="http://www.example.com/images/media.png"'
    )
    assert lines[1] == (
        " " * 20 + " warning data.toPersonId: id is not in canonical form "
        "(unpadded base64url with zero trailing bits)"
    )
    assert (
        "line 25: SWE_ERROR_TRUNCATED at column 128 (data): expected a key in quotes, "
        "found the end of the input"
    ) in lines
    # Bad line 25 is reported between the events of lines 24 and 26.
    bad = lines.index(next(x for x in lines if x.startswith("line 25:")))
    assert lines[bad - 2].startswith("rooms:unread ")
    assert lines[bad + 1].startswith("widget:resized       (unknown) {")
    assert any(" team=none " in x for x in lines)
    assert any(
        x.startswith("memberships:created  room=ROOM/") and "person=user-c@example.com" in x
        for x in lines
    )
    assert "mention:clicked      type=person id=ROOM/bbceb1ad-43f1-3b58-9147-f14bb0c4d154" in lines
    assert lines[-1] == (
        "25 events (11338 bytes of JSON delivered), 10 warnings, 1 bad lines, library 0.1.0"
    )


def test_host_reads_stdin() -> None:
    done = subprocess.run(
        [sys.executable, str(HOST), "-"],
        input='x\r\n\r\n{"resource":"a","event":"b","data":{}}',
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.splitlines() == [
        "line 1: SWE_ERROR_SYNTAX at column 1: expected '{' at the start of the event, found `x`",
        'a:b                  (unknown) {"resource":"a","event":"b","data":{}}',
        "",
        "1 events (38 bytes of JSON delivered), 0 warnings, 1 bad lines, library 0.1.0",
    ]


def test_host_missing_file() -> None:
    done = subprocess.run(
        [sys.executable, str(HOST), "/nonexistent.ndjson"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "No such file" in done.stderr
