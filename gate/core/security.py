"""Passwords, API tokens, signed session cookies, CSRF tokens and the log-in rate limit."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

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


class RateLimiter:
    """At most ``limit`` events per key in a sliding minute (per process)."""

    def __init__(self, limit: int, window_s: float = 60.0):
        self.limit = limit
        self.window_s = window_s
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> bool:
        """Record an attempt; False when the key is over its limit."""
        now = time.monotonic()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and now - events[0] > self.window_s:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            if len(self._events) > 100_000:  # bound memory under a spray of keys
                self._events = {k: v for k, v in self._events.items() if v and now - v[-1] <= self.window_s}
            return True
