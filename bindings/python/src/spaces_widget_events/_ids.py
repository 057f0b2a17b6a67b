"""Webex ids, decoded by the library (``swe_id_*``)."""

from __future__ import annotations

import base64
import ctypes

from . import _errors, _ffi


class WebexId:
    """A decoded Webex id: the unpadded base64url encoding of
    ``ciscospark://<cluster>/<TYPE>/<local id>``.

    :meth:`parse` accepts base64url or standard base64, padded or not, with or without
    non-zero trailing bits; ``canonical`` says whether the text was the canonical form.
    Two ids are equal (and hash alike) when they name the same object: same ``type`` and
    ``local_id``, whatever their clusters and encodings. ``str(id)`` is the canonical encoding.
    """

    __slots__ = ("_encoded", "canonical", "cluster", "local_id", "type", "uri")

    cluster: str
    type: str
    local_id: str
    uri: str
    canonical: bool
    _encoded: str

    def __init__(self, cluster: str, type: str, local_id: str) -> None:
        """The id of ``ciscospark://<cluster>/<type>/<local_id>``; raises ValueError unless
        every part is non-empty and cluster and type hold no ``/``."""
        for part in (cluster, type, local_id):
            if not isinstance(part, str):
                raise TypeError(f"id parts are str, not {part.__class__.__name__}")
        uri = f"ciscospark://{cluster}/{type}/{local_id}"
        encoded = base64.urlsafe_b64encode(uri.encode("utf-8", "surrogatepass"))
        parsed = WebexId.parse(encoded.decode("ascii").rstrip("="))
        if (parsed.cluster, parsed.type, parsed.local_id) != (cluster, type, local_id):
            raise ValueError("not a Webex id: the cluster and the type must hold no '/'")
        self.cluster, self.type, self.local_id = cluster, type, local_id
        self.uri = parsed.uri
        self.canonical = True
        self._encoded = parsed._encoded

    @classmethod
    def parse(cls, text: str | bytes) -> WebexId:
        """Decodes an id; raises ValueError (:class:`SweError` with code
        ``SWE_ERROR_INVALID_VALUE`` or ``SWE_ERROR_INVALID_UTF8``) when it is not one."""
        if isinstance(text, str):
            raw = text.encode("utf-8", "surrogatepass")
        elif isinstance(text, bytes):
            raw = text
        else:
            raise TypeError(f"a Webex id is a str, not {text.__class__.__name__}")
        lib = _ffi.lib
        handle = ctypes.c_void_p()
        err = ctypes.c_void_p()
        status = lib.swe_id_parse(raw, len(raw), ctypes.byref(handle), ctypes.byref(err))
        if status != _ffi.SWE_OK:
            raise _errors.from_error(status, err)  # a ParseError: a ValueError
        try:
            self = object.__new__(cls)
            self.uri = _ffi.text(lib.swe_id_uri(handle)) or ""
            self.cluster = _ffi.text(lib.swe_id_cluster(handle)) or ""
            self.type = _ffi.text(lib.swe_id_type(handle)) or ""
            self.local_id = _ffi.text(lib.swe_id_local_id(handle)) or ""
            self.canonical = bool(lib.swe_id_was_canonical(handle))
            out = ctypes.c_void_p()
            length = ctypes.c_size_t()
            status = lib.swe_id_encode(
                handle, ctypes.byref(out), ctypes.byref(length), ctypes.byref(err)
            )
            _errors.check(status, err)
            self._encoded = _ffi.take_owned(out.value, length.value)
            return self
        finally:
            lib.swe_id_free(handle)

    def encode(self) -> str:
        """The canonical encoding: unpadded base64url."""
        return self._encoded

    def __str__(self) -> str:
        return self._encoded

    def __repr__(self) -> str:
        return f"WebexId({self.uri!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WebexId):
            return NotImplemented
        return self.type == other.type and self.local_id == other.local_id

    def __hash__(self) -> int:
        return hash((self.type, self.local_id))
