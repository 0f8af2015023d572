"""The ``Idempotency-Key`` request header (IETF draft "The Idempotency-Key HTTP Header Field",
draft-ietf-httpapi-idempotency-key-header): what a key may be, which requests it applies to,
which answers are kept for a retry, and how a kept answer is replayed. The mechanism only;
``hearth.access`` keeps the keys in the database and applies them to every write under
``/api/v1`` (``access.middleware.IdempotencyMiddleware``, issue 13 item 11).

- A key is 1 to 255 printable ASCII characters, sent bare or as a structured-field string
  (``Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"``); anything else is refused (422).
- It is scoped to the token's user, the method and the path, and lives 24 hours.
- The request is fingerprinted (its query and its body, JSON compared by meaning), so a retry
  with the same key and a different request is refused (422), as the draft says.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from django.http import HttpResponse

from hearth.core.refusals import Refused

HEADER = "Idempotency-Key"
#: Set on an answer replayed from a kept one.
REPLAYED = "Idempotent-Replayed"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_LENGTH = 255
#: The longest path a key is kept for (longer than any of the API's).
MAX_PATH = 300
LIFETIME = timedelta(hours=24)
#: A first request still running after this long is taken to have died (its process was
#: killed): a retry then runs instead of being told to wait (requests time out long before).
IN_FLIGHT_LEASE = timedelta(minutes=5)
#: The headers kept and replayed with an answer's status and body.
KEPT_HEADERS = ("Content-Type", "ETag", "Location")


#: The header as the OpenAPI document describes it on every write operation.
OPENAPI_PARAMETER = {
    "in": "header", "name": HEADER, "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_LENGTH},
    "description": (
        "Makes a retried write safe (IETF draft-ietf-httpapi-idempotency-key-header): 1 to 255 "
        "printable ASCII characters, e.g. a UUID, new for each new request. A retry with the "
        "same key and the same request (method, path, query and body) within 24 hours gets "
        "the first answer again, with `Idempotent-Replayed: true`, and writes nothing. The "
        "same key with a different request: 422. While the first request is still being "
        "answered: 409. Successes and refusals of the request itself (400, 422) are kept; "
        "other refusals (401, 403, 404, 409, 412, 428) and failures are not, so a retry runs "
        "again. Keys are your token's user's own."),
}


def read_key(value: str) -> str:
    """The key the header carries, or ``Refused`` (422) saying what is wrong with it."""
    key = value.strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if not key:
        raise Refused("Send a key of 1 to 255 printable characters, for example a UUID.", HEADER)
    if len(key) > MAX_LENGTH:
        raise Refused(f"The key is {len(key)} characters long: send at most {MAX_LENGTH}.",
                      HEADER)
    if not all(" " <= ch <= "~" for ch in key):
        raise Refused("The key may hold only printable ASCII characters.", HEADER)
    return key


def fingerprint(query: str, body: bytes) -> str:
    """What makes two requests with one key the same request: the query string and the body
    (a JSON body by meaning, so that spacing and the order of members do not matter)."""
    try:
        canonical = json.dumps(json.loads(body or b"null"), sort_keys=True,
                               separators=(",", ":")).encode()
    except (ValueError, UnicodeDecodeError):
        canonical = body
    return hashlib.sha256(query.encode() + b"\n" + canonical).hexdigest()


def is_kept(status: int) -> bool:
    """Which answers a retry with the same key gets again without the request running again.

    Every success (2xx): the write happened, and must not happen twice. Of the refusals, only
    those about the request itself, which every retry of it would get again (400, 405, 410,
    413, 415, 422). Not 401 or 403 (a token or a role can change), 404 (who may see a record
    changes), 409, 412 or 428 (the record's state and version move on: a person refused as a
    likely duplicate may be sent again, confirmed, with the same key), 408 or 429 (try again),
    nor 5xx: nothing was written (every action is one transaction), so a retry runs afresh.
    """
    return 200 <= status < 300 or status in {400, 405, 410, 413, 415, 422}


def kept_headers(response: HttpResponse) -> dict[str, str]:
    return {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}


def replay(status: int, headers: dict[str, str], body: bytes | memoryview) -> HttpResponse:
    """A kept answer, again, marked as replayed."""
    response = HttpResponse(bytes(body), status=status,
                            content_type=headers.get("Content-Type", "application/json"))
    for name, value in headers.items():
        if name != "Content-Type":
            response[name] = value
    response[REPLAYED] = "true"
    return response
