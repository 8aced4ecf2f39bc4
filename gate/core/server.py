"""uvicorn's HTTP protocol with Nagle's algorithm off on every accepted connection.

With ``--workers N`` uvicorn binds the listening socket itself with ``proto`` 0; accepted
sockets inherit it and asyncio then skips ``TCP_NODELAY`` (it checks ``proto == IPPROTO_TCP``).
Every keep-alive response after the first then waits ~40 ms for the client's delayed ACK
(Kludex/uvicorn#3149, open). Setting the option here fixes both the one- and many-worker paths.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from uvicorn.protocols.http.auto import AutoHTTPProtocol

#: Import path handed to uvicorn: worker processes import the class by name.
PROTOCOL = "gate.core.server:NoDelayHTTPProtocol"


class NoDelayHTTPProtocol(AutoHTTPProtocol):  # type: ignore[misc,valid-type]
    def connection_made(self, transport: Any) -> None:
        set_nodelay(transport)
        super().connection_made(transport)


def set_nodelay(transport: asyncio.BaseTransport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
