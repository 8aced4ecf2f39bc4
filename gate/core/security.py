"""Passwords, API tokens, signed session cookies, CSRF tokens and the log-in rate limit."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from functools import cache
from typing import Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine

TOKEN_PREFIX = "sgt_"


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def dummy_hash() -> str:
    """Verified when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password."""
    return hash_password(secrets.token_urlsafe(16))


def new_api_token() -> tuple[str, str]:
    """A fresh token (shown once) and the SHA-256 that is stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    # Tokens carry 256 random bits: a fast hash is enough; no salt or slow KDF needed.
    return hashlib.sha256(token.encode()).hexdigest()


class Sessions:
    """Signed, timestamped session cookies; the payload is the user id and a per-session nonce."""

    def __init__(self, secret: str, max_age_s: int):
        self._serializer = URLSafeTimedSerializer(secret, salt="spbe-gate-session")
        self._csrf_key = hmac.new(secret.encode(), b"spbe-gate-csrf", hashlib.sha256).digest()
        self.max_age_s = max_age_s

    def issue(self, user_id: int, generation: int = 0) -> str:
        return self._serializer.dumps({"u": user_id, "n": secrets.token_urlsafe(16), "g": generation})

    def read(self, cookie: str | None) -> tuple[int, str, int] | None:
        """The user id, the session's nonce and the user's session generation it was issued in."""
        if not cookie:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=self.max_age_s)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("n"), str):
            return None
        generation = data.get("g", 0)
        return data["u"], data["n"], generation if isinstance(generation, int) else -1

    def csrf_token(self, nonce: str) -> str:
        """Bound to the session: a token from another session (or none) is refused."""
        return hmac.new(self._csrf_key, nonce.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, nonce: str, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf_token(nonce), str(token))


class RateLimiter(Protocol):
    """At most ``limit`` events per key in a sliding window, counted where every process sees them."""

    limit: int

    def hit(self, key: str) -> bool:
        """Record an attempt; False when the key is over its limit (the attempt is not recorded)."""
        ...


class DatabaseRateLimiter:
    """The embedded default's counter: one row per key in the database all web processes share.

    The row is written first (an insert that may do nothing), which takes the write lock on SQLite
    and, with the ``FOR UPDATE`` read, the row's lock on PostgreSQL: the processes count one at a
    time, so ``limit`` holds across them, not per process."""

    def __init__(self, engine: Engine, limit: int, window_s: float = 60.0):
        self.engine, self.limit, self.window_s = engine, limit, window_s

    def hit(self, key: str) -> bool:
        from sqlalchemy import delete
        from sqlmodel import Session, col, select

        from gate.models import RateCounter

        key = key[:400]
        now = time.time()
        insert = (sqlite_insert if self.engine.dialect.name == "sqlite" else pg_insert)(RateCounter.__table__)  # type: ignore[attr-defined]
        with Session(self.engine) as session:
            session.execute(insert.values(key=key, events=[]).on_conflict_do_nothing(index_elements=["key"]))
            row = session.exec(select(RateCounter).where(RateCounter.key == key).with_for_update()).one()
            recent = [t for t in row.events if now - t < self.window_s]
            allowed = len(recent) < self.limit
            row.events = [*recent, now] if allowed else recent
            row.last_at = now
            session.add(row)
            if secrets.randbelow(100) == 0:  # now and then, forget keys that went quiet
                session.execute(delete(RateCounter).where(col(RateCounter.last_at) < now - self.window_s))
            session.commit()
        return allowed


class RedisRateLimiter:
    """Celery mode's counter, in the broker's Redis: a sorted set per key, trimmed, counted and
    added to in one server-side script, so every process and machine counts alike."""

    _SCRIPT = """
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
    if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
    redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
    redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2])) + 1)
    return 1
    """

    def __init__(self, url: str, prefix: str, limit: int, window_s: float = 60.0):
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=3)
        self.script = self.client.register_script(self._SCRIPT)
        self.prefix, self.limit, self.window_s = prefix, limit, window_s

    def hit(self, key: str) -> bool:
        now = time.time()
        member = f"{now}:{secrets.token_hex(4)}"
        allowed = self.script(keys=[f"{self.prefix}:{key[:400]}"], args=[now, self.window_s, self.limit, member])
        return bool(allowed)
