"""A stub of ClamAV's daemon for the tests: it speaks enough of clamd's INSTREAM protocol
(``zINSTREAM\\0``, length-prefixed chunks, a zero length) to answer ``stream: OK`` or, when the
stream holds the EICAR test string, ``stream: Eicar-Test-Signature FOUND``. It is not ClamAV:
the tests check Hearth's client and its refusals, not virus detection."""

from __future__ import annotations

import socketserver
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: The EICAR anti-virus test file, put together here so that this source file is not itself
#: flagged by a scanner on a developer's machine.
EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE" + "!$H+H*").encode()


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        command = b""
        while not command.endswith(b"\0"):
            data = self.request.recv(1)
            if not data:
                return
            command += data
        if command != b"zINSTREAM\0":
            self.request.sendall(b"UNKNOWN COMMAND\0")
            return
        stream = b""
        while True:
            size = struct.unpack("!L", self._exactly(4))[0]
            if size == 0:
                break
            stream += self._exactly(size)
        self.server.streams.append(stream)  # type: ignore[attr-defined]
        if b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in stream:
            self.request.sendall(b"stream: Eicar-Test-Signature FOUND\0")
        else:
            self.request.sendall(b"stream: OK\0")

    def _exactly(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            part = self.request.recv(n - len(data))
            if not part:
                raise ConnectionError("the client went away")
            data += part
        return data


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def stub_clamd() -> Iterator[_Server]:
    """A stub daemon on a free local port; ``server.address`` is its ``tcp://`` address and
    ``server.streams`` what it was sent."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.streams = []  # type: ignore[attr-defined]
    host, port = server.server_address[:2]
    server.address = f"tcp://{host}:{port}"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
