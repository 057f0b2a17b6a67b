"""The ABI version check at import."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import spaces_widget_events as swe
from spaces_widget_events import _ffi


def _import_with(env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, **env_extra)
    return subprocess.run(
        [sys.executable, "-c", "import spaces_widget_events"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_mismatched_abi_refuses_to_import() -> None:
    done = _import_with({"SWE_PYTHON_SIMULATE_ABI": "2"})
    assert done.returncode != 0
    assert "AbiMismatchError" in done.stderr
    assert "implements ABI version 2" in done.stderr
    assert "knows ABI version 1" in done.stderr


def test_matching_abi_imports() -> None:
    assert _import_with({"SWE_PYTHON_SIMULATE_ABI": "1"}).returncode == 0


def test_check_abi_hook() -> None:
    _ffi.check_abi(1, "lib")
    with pytest.raises(ImportError) as info:
        _ffi.check_abi(7, "/x/libspaces_widget_events.so")
    err = info.value
    assert isinstance(err, swe.AbiMismatchError)
    assert (err.found, err.expected) == (7, 1)
    assert "/x/libspaces_widget_events.so" in str(err)


def test_missing_library_is_an_import_error() -> None:
    done = _import_with({"SWE_LIBRARY_PATH": "/nonexistent/libspaces_widget_events.so"})
    assert done.returncode != 0
    assert "ImportError" in done.stderr or "cannot load" in done.stderr
