"""Amazon Connect's Participant Service, the customer's side of a chat, on the local API: the
paths, the ``X-Amz-Bearer`` header and the JSON of Connect's, so the help center's chat screen
(and boto3's ``connectparticipant`` client) talk to the local cloud as to AWS. Local only, like
``/local/*``: Amazon Connect serves these in AWS. The chats themselves: ``localcloud.chat``.
"""

import json
from typing import Any

from werkzeug.wrappers import Request, Response

from localcloud import connect as local_connect
from localcloud.chat import ChatError, LocalChats
from localcloud.json_body import BodyTooLarge, json_body

PREFIX = "/participant/"
OPERATIONS = ("connection", "message", "transcript", "disconnect", "event")


def _error(status: int, code: str, message: str) -> Response:
    response = Response(json.dumps({"message": message}), status=status, content_type="application/json")
    response.headers["x-amzn-ErrorType"] = code
    return response


def _answer(body: dict[str, Any]) -> Response:
    response = Response(json.dumps(body), content_type="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


def serve(request: Request) -> Response:
    operation = request.path.removeprefix(PREFIX)
    if operation not in OPERATIONS or request.method != "POST":
        return _error(404, "ResourceNotFoundException", f"POST {PREFIX}{{{'|'.join(OPERATIONS)}}}")
    connect = local_connect._current
    if connect is None:
        return _error(503, "ServiceUnavailable", "the local cloud has no Connect instance")
    token = request.headers.get("X-Amz-Bearer", "")
    if not token:
        return _error(403, "AccessDeniedException", "the X-Amz-Bearer header is missing")
    try:
        body = json_body(request)
    except BodyTooLarge as error:
        return _error(413, "ValidationException", str(error))
    if not isinstance(body, dict):
        return _error(400, "ValidationException", "the body is a JSON object")
    try:
        return _answer(_operate(connect.chats, operation, token, body))
    except ChatError as error:
        return _error(error.status, error.code, str(error))


def _operate(chats: LocalChats, operation: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
    if operation == "connection":  # CreateParticipantConnection, with the participant token
        return chats.connect_participant(token)
    if operation == "message":  # SendMessage
        content_type, content = body.get("ContentType"), body.get("Content")
        if not isinstance(content_type, str) or not isinstance(content, str):
            raise ChatError(400, "ValidationException", "ContentType and Content are strings")
        return chats.send(token, content_type, content)
    if operation == "transcript":  # GetTranscript
        return chats.transcript(token, body)
    if operation == "disconnect":  # DisconnectParticipant
        chats.disconnect(token)
        return {}
    chats.by_connection_token(token)  # SendEvent (typing, read receipts): accepted, not relayed
    return {}
