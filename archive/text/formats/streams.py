"""Opening an input: the file or stream, decompressed if need be, and its head."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import re
import zlib
from typing import Any, BinaryIO

from archive.text.formats.base import HEAD_SIZE, InputError


class _PrefixedRaw(io.RawIOBase):
    """A raw stream that replays ``head`` and then continues reading ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head.nbytes:
            n = min(len(buffer), self._head.nbytes)
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        if not data:
            return 0
        buffer[: len(data)] = data
        return len(data)


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


_DECOMPRESSORS: tuple[tuple[re.Pattern[bytes], Any], ...] = (
    (re.compile(rb"\x1f\x8b\x08"), lambda f: gzip.GzipFile(fileobj=f, mode="rb")),
    (re.compile(rb"BZh[1-9]1AY&SY"), bz2.BZ2File),
    (re.compile(rb"\xfd7zXZ\x00"), lzma.LZMAFile),
)
# What a corrupt compressed stream or a failing disk raises while we read.
_READ_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError, ValueError)


def _open_input(path: str, stream: BinaryIO | None) -> tuple[BinaryIO, bytes]:
    """(the stream, decompressed if need be, positioned after its head; the head)."""
    if stream is None:
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed by the caller's ExitStack
        except FileNotFoundError:
            raise InputError("no such file or directory", path) from None
        except IsADirectoryError:
            raise InputError("is a directory", path) from None
        except PermissionError:
            raise InputError("permission denied", path) from None
        except OSError as exc:
            raise InputError(f"cannot open: {exc.strerror or exc}", path) from None
    try:
        head = _read_up_to(stream, HEAD_SIZE)
    except _READ_ERRORS as exc:
        raise InputError(f"cannot read: {exc}", path) from None
    for magic, opener in _DECOMPRESSORS:
        if magic.match(head):
            inner = opener(io.BufferedReader(_PrefixedRaw(head, stream)))
            try:
                return inner, _read_up_to(inner, HEAD_SIZE)
            except _READ_ERRORS as exc:
                raise InputError(f"corrupt compressed file ({exc})", path) from None
    return stream, head
