"""Exceptions, built from the library's ``swe_error`` objects."""

from __future__ import annotations

from ctypes import c_void_p

from . import _ffi


class SweError(Exception):
    """A failure reported by the library.

    ``code`` is the status name (``"SWE_ERROR_SYNTAX"``), ``status`` its number (negative),
    ``message`` the library's sentence. ``offset`` (0-based byte offset), ``line`` and
    ``column`` (1-based, 0 when the error has no position) locate it in the text; ``path`` is
    the JSON path of the field at fault (``"data.created"``), or None.
    """

    def __init__(
        self,
        status: int,
        message: str,
        *,
        offset: int = 0,
        line: int = 0,
        column: int = 0,
        path: str | None = None,
        code: str | None = None,
    ) -> None:
        self.status = status
        self.code = code if code is not None else _ffi.status_name(status)
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.path = path
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = f" at line {self.line}, column {self.column}" if self.line else ""
        field = f" ({self.path})" if self.path else ""
        return f"{self.code}{where}{field}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild,
            (
                type(self),
                self.status,
                self.message,
                self.offset,
                self.line,
                self.column,
                self.path,
                self.code,
            ),
        )


def _rebuild(
    cls: type[SweError],
    status: int,
    message: str,
    offset: int,
    line: int,
    column: int,
    path: str | None,
    code: str | None,
) -> SweError:
    return cls(status, message, offset=offset, line=line, column=column, path=path, code=code)


class ParseError(SweError, ValueError):
    """The text is not an event: bad UTF-8, bad syntax, a limit passed, a field missing or of
    the wrong type. A :class:`ValueError`."""


class InvalidArgumentError(SweError, ValueError):
    """An argument is outside its domain, e.g. a bad subscription pattern. A ValueError."""


class ListenerError(SweError):
    """A listener refused an event without a Python exception to show for it."""


def _error_class(status: int) -> type[SweError]:
    # -10 .. -29: everything that is wrong with the text itself (see the header).
    if -29 <= status <= -10:
        return ParseError
    if status == _ffi.SWE_ERROR_LISTENER:
        return ListenerError
    if status == _ffi.SWE_ERROR_INVALID_ARGUMENT:
        return InvalidArgumentError
    return SweError


def read_error(error: int | None, status: int = 0) -> SweError:
    """Builds the exception a ``swe_error`` describes, without freeing it (it may be
    borrowed, as a stream's bad-line callback receives it)."""
    lib = _ffi.lib
    if error:
        code = int(lib.swe_error_code(error)) or status
        message = _ffi.text(lib.swe_error_message(error)) or ""
        path = _ffi.text(lib.swe_error_path(error)) or None
        offset = int(lib.swe_error_offset(error))
        line = int(lib.swe_error_line(error))
        column = int(lib.swe_error_column(error))
    else:
        code, message, path, offset, line, column = status, "", None, 0, 0, 0
    if not message:
        message = _ffi.status_name(code)
    return _error_class(code)(code, message, offset=offset, line=line, column=column, path=path)


def from_error(status: int, error: c_void_p) -> SweError:
    """Builds the exception for ``status`` from an owned ``swe_error`` (which it frees)."""
    try:
        return read_error(error.value, status)
    finally:
        _ffi.lib.swe_error_free(error)


def check(status: int, error: c_void_p) -> None:
    """Raises the exception for a failed call; frees ``error`` either way."""
    if status != _ffi.SWE_OK:
        raise from_error(status, error)
    if error.value:  # never written on success, but free it if it were
        _ffi.lib.swe_error_free(error)
