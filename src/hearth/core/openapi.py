"""The answers every API operation gives, written into the OpenAPI document once (issue 13
item 10), so that no operation can forget one.

An operation declares its success and what is particular to it (``core.problems``: 404 for a
record named in its body or query, 409 when it can be refused for the record's state, 412 for
a stale ``expected_version``, 412 and 428 for a change that needs ``If-Match``). Every other
answer follows from its shape and is added here:

- 401 (no valid bearer token) and 403 (the role may not do this, or not to this record): every
  operation;
- 404: an operation with a record's id in its path;
- 422: an operation that takes any input (path, query or body);
- 400: an operation that takes a body (one that is not JSON at all);
- an operation that answers 428 takes the ``If-Match`` header (and answers 412 when stale).

Every error answer's body is ``core.problems.Problem``: ``hearth.api``'s exception handlers send
nothing else.
"""

from __future__ import annotations

from typing import Any

from hearth.core.problems import Problem

REF = "#/components/schemas/{model}"
PROBLEM = {"$ref": REF.format(model="Problem")}

#: What each error answer means, as the document says it.
MEANING = {
    400: "The body is not JSON.",
    401: "No valid bearer token: send `Authorization: Bearer <token>`.",
    403: "Your role may not do this, or not to this record.",
    404: "No such record that you may see.",
    409: "The record's state forbids it (already decided, ended, closed…).",
    412: "Someone changed the record since the version you sent.",
    422: "An input is wrong: `errors` names each field at fault.",
    428: "A change needs `If-Match` with the ETag of your last read.",
}

IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "description": "The ETag of your last read of the record, for example "
                   '`"casenote-12-v3"`: 428 without it, 412 when someone changed it since.',
    "schema": {"type": "string"},
}


def answers_for(operation: dict[str, Any]) -> set[int]:
    """The error answers an operation gives whatever it declares, from its shape."""
    codes = {401, 403}
    parameters = operation.get("parameters", [])
    if any(p.get("in") == "path" for p in parameters):
        codes.add(404)
    if parameters or "requestBody" in operation:
        codes.add(422)
    if "requestBody" in operation:
        codes.add(400)
    if 428 in operation["responses"]:
        codes |= {412, 428}
    return codes


def document_answers(document: dict[str, Any]) -> dict[str, Any]:
    """Write every operation's error answers, and its ``If-Match`` header, into ``document``
    (ninja's OpenAPI document, status codes as ints); returns it."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template=REF, mode="serialization")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    for operations in document["paths"].values():
        for operation in operations.values():
            responses = operation["responses"]
            for code in answers_for(operation) | (set(responses) & set(MEANING)):
                responses[code] = {"description": MEANING[code],
                                   "content": {"application/json": {"schema": PROBLEM}}}
            if 428 in responses:
                parameters = operation.setdefault("parameters", [])
                if not any(p.get("name") == "If-Match" for p in parameters):
                    parameters.append(dict(IF_MATCH))
            operation["responses"] = dict(sorted(responses.items()))
    return document
