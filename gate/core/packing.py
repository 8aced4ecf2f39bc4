"""Column types that keep large values compressed with zstd: uploaded files and archived reports.

A submission of the Twilio document stored 482 KB of file and 832 KB of report JSON; compressed
they take 36 KB and 60 KB (~1 ms of CPU, level 3). Every database gets the same bytes, SQLite
writes and checkpoints a tenth of the pages, and PostgreSQL skips its own slower TOAST
compression of what it is handed. Values are compressed on write and restored on read by the
ORM, so callers see plain ``bytes`` and ``dict`` values as before. Compression is lossless: files
stay byte-for-byte what was uploaded, and their SHA-256 is of the original bytes.
"""

from __future__ import annotations

import threading
from typing import Any

import orjson
import zstandard
from sqlalchemy.engine import Dialect
from sqlalchemy.types import LargeBinary, TypeDecorator

LEVEL = 3
_local = threading.local()


def _codec() -> tuple[zstandard.ZstdCompressor, zstandard.ZstdDecompressor]:
    # zstd contexts are not thread-safe; the web server runs sync routes on a thread pool.
    codec: tuple[zstandard.ZstdCompressor, zstandard.ZstdDecompressor] | None = getattr(_local, "codec", None)
    if codec is None:
        codec = _local.codec = (zstandard.ZstdCompressor(level=LEVEL), zstandard.ZstdDecompressor())
    return codec


def pack(data: bytes) -> bytes:
    return _codec()[0].compress(data)


def unpack(blob: bytes) -> bytes:
    return _codec()[1].decompress(blob)


class ZstdBytes(TypeDecorator[bytes]):
    """``bytes`` stored zstd-compressed in a binary column."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        return None if value is None else pack(value)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        return None if value is None else unpack(value)


class ZstdJSON(TypeDecorator[Any]):
    """A JSON value serialised with orjson and stored zstd-compressed in a binary column."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        return None if value is None else pack(orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS))

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> Any:
        return None if value is None else orjson.loads(unpack(value))
