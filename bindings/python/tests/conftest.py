"""Shared fixtures: where the repository's sample data lives."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from spaces_widget_events import _emitter

REPO = Path(__file__).resolve().parents[3]
EVENTS = REPO / "tests" / "data" / "events"
DOC_SAMPLES = REPO / "tests" / "data" / "doc-samples"
NDJSON = REPO / "examples" / "data" / "events.ndjson"


def read_event(name: str) -> str:
    return (EVENTS / name).read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def no_leaked_handles() -> Iterator[None]:
    """Every test must leave the handle table as it found it once its emitters are gone."""
    gc.collect()
    before = _emitter.handle_count()
    yield
    gc.collect()
    assert _emitter.handle_count() == before
