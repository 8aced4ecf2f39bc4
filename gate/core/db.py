"""Database engine and sessions. SQLite by default; PostgreSQL through ``GATE_DATABASE_URL``."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers work while a submission is written; busy_timeout makes writers queue
    # instead of failing with "database is locked" under parallel requests.
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL keeps the database consistent after a crash and skips the fsync per
    # commit (a power cut may lose the last commits, not corrupt anything): SQLite's advice for WAL.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


#: Stored reports are large JSON documents: orjson reads and writes them ~10x faster than json.
_JSON = {"json_serializer": _json_dumps, "json_deserializer": orjson.loads}


@cache
def engine_for(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10}, **_JSON)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, **_JSON)


def sessions(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session
