"""What the benchmarks' simulated users share: one page load, timed."""

from __future__ import annotations

import time

import httpx


async def timed_get(client: httpx.AsyncClient, path: str) -> float:
    """GET ``path`` and return its time in milliseconds; a page that is not 200 stops the run."""
    started = time.perf_counter()
    try:
        r = await client.get(path)
    except (httpx.ReadError, httpx.RemoteProtocolError):
        # A kept-alive connection the server closed while idle: reconnect, time afresh.
        started = time.perf_counter()
        r = await client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if r.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {r.status_code}")
    return elapsed
