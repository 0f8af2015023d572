"""A client for ClamAV's daemon (``clamd``) over its INSTREAM protocol, TCP or a Unix socket.

``scan(chunks, address)`` streams a file to the daemon and answers the signature it found
(``"Eicar-Test-Signature"``) or None when the file is clean. A daemon that cannot be reached,
or that answers something other than OK or FOUND, raises ``ScannerUnavailable``: the caller
must then refuse the file, never keep it unchecked.

The protocol (clamd(8)): send ``zINSTREAM\\0``, then chunks each prefixed by its length as a
4-byte big-endian number, then a zero length; the daemon answers ``stream: OK\\0`` or
``stream: <signature> FOUND\\0`` (or ``... ERROR\\0``, e.g. when the stream is longer than its
StreamMaxLength).
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Iterable
from urllib.parse import urlparse

CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    """The daemon could not be reached or did not give an answer."""


def connect(address: str, timeout: float) -> socket.socket:
    """A socket to ``tcp://host:port`` or ``unix:///path/to/clamd.sock``."""
    parts = urlparse(address)
    try:
        if parts.scheme == "tcp" and parts.hostname and parts.port:
            return socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        if parts.scheme == "unix" and parts.path:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            sock.connect(parts.path)
            return sock
    except OSError as exc:
        raise ScannerUnavailable(f"cannot reach the virus scanner: {exc}") from exc
    raise ScannerUnavailable(f"{address!r} is not tcp://host:port or unix:///path")


def scan(chunks: Iterable[bytes], address: str, timeout: float = 30.0) -> str | None:
    """The signature the daemon at ``address`` found in the stream, or None when clean."""
    sock = connect(address, timeout)
    try:
        with sock:
            sock.sendall(b"zINSTREAM\0")
            for chunk in chunks:
                for start in range(0, len(chunk), CHUNK):
                    part = chunk[start:start + CHUNK]
                    sock.sendall(struct.pack("!L", len(part)) + part)
            sock.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                data = sock.recv(4096)
                if not data:
                    break
                answer += data
    except OSError as exc:
        raise ScannerUnavailable(f"the virus scanner did not answer: {exc}") from exc
    return parse_answer(answer.rstrip(b"\0").decode("utf-8", "replace").strip())


def parse_answer(text: str) -> str | None:
    """``stream: OK`` → None; ``stream: X FOUND`` → ``X``; anything else is no answer."""
    result = text.partition(": ")[2] if ": " in text else text
    if result == "OK":
        return None
    if result.endswith(" FOUND"):
        return result.removesuffix(" FOUND").strip() or "unknown"
    raise ScannerUnavailable(f"the virus scanner answered {text!r}")
