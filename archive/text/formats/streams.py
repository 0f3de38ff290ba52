"""Opening an input: the file or stream, decompressed if need be, and its head."""

from __future__ import annotations

import bz2
import fcntl
import gzip
import io
import lzma
import os
import re
import stat
import zlib
from typing import Any, BinaryIO

from archive.text.formats.base import DEFAULT_LIMITS, HEAD_SIZE, InputError, Limits


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


class LimitExceeded(InputError):
    """A limit crossed while reading (the rest of the input is not read)."""


class _Counted(io.RawIOBase):
    """Counts the compressed bytes read from ``raw``."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._raw.readinto(buffer)
        self.count += n or 0
        return n or 0


_RATIO_FLOOR = 2**20  # below this much output the ratio is not judged


class _Bounded(io.RawIOBase):
    """A decompressed stream that stops at the size and ratio limits.

    Security invariant: a compressed input never expands past
    ``max_decompressed_bytes``, nor past ``max_compression_ratio`` times what was
    read (a bomb of zeros is refused within its first megabytes), so the reads after
    it are as bounded as those of a plain file."""

    def __init__(self, inner: Any, counted: _Counted, limits: Limits) -> None:
        self._inner = inner
        self._counted = counted
        self._limits = limits
        self.out = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._inner.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.out += n
        limits = self._limits
        if self.out > limits.max_decompressed_bytes:
            raise LimitExceeded(
                f"decompressed size over {limits.max_decompressed_bytes:,} bytes"
                " (ARCHIVE_INGEST_MAX_DECOMPRESSED_BYTES)"
            )
        if self.out > _RATIO_FLOOR and self.out > limits.max_compression_ratio * max(
            1, self._counted.count
        ):
            raise LimitExceeded(
                f"compression ratio over {limits.max_compression_ratio}"
                " (ARCHIVE_INGEST_MAX_COMPRESSION_RATIO): a compression bomb?"
            )
        return n


def _open_regular(path: str) -> BinaryIO:
    """Open a file without ever blocking: a FIFO named on the command line with no
    writer reads as empty instead of hanging (O_NONBLOCK at open, cleared after)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise IsADirectoryError(path)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _open_input(
    path: str, stream: BinaryIO | None, limits: Limits = DEFAULT_LIMITS
) -> tuple[BinaryIO, bytes]:
    """(the stream, decompressed if need be, positioned after its head; the head)."""
    if stream is None:
        try:
            stream = _open_regular(path)  # closed by the caller's ExitStack
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
            counted = _Counted(_PrefixedRaw(head, stream))
            inner = io.BufferedReader(
                _Bounded(opener(io.BufferedReader(counted)), counted, limits), HEAD_SIZE
            )
            try:
                return inner, _read_up_to(inner, HEAD_SIZE)
            except _READ_ERRORS as exc:
                raise InputError(f"corrupt compressed file ({exc})", path) from None
    return stream, head
