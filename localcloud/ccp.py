"""The agent's side of the local Connect for the web console: what the CCP (Amazon Connect's
Contact Control Panel, embedded through amazon-connect-streams in AWS) does for an agent, on
the local contact center. Local only, like ``/local/sign-in``: not a route of
``catalog.api_routes``, so CDK never builds it.

``POST /local/ccp/{action}`` with the agent's bearer token (a staff access token: its
``username`` is the agent): ``accept``, ``hold``, ``resume``, ``end`` (after-contact work),
``wrap-up`` ``{"code": "..."}`` (the contact is over, the agent Available again) and
``status`` ``{"status": "Available" | "Break" | "Offline"}``. The answer is ``{"ok": true}``;
what the agent has now is ``GET /agent/contact`` (the API's route, in AWS too). A chat's agent
side, which Amazon Connect's CCP shows in AWS: ``chat`` answers ``{"transcript": [...]}``
(the Participant Service's items) and ``chat-send`` ``{"text": "..."}`` writes to the customer.
"""

import json
from typing import Any

from werkzeug.wrappers import Request, Response

from contactcenter.auth import SCOPE_API
from localcloud import connect as local_connect
from localcloud.auth import LocalAuth, TokenRejected
from localcloud.chat import ChatError, transcript
from localcloud.contact_center.center import ContactCenterError, UnknownResource
from localcloud.json_body import BodyTooLarge, json_body

ACTIONS = ("accept", "hold", "resume", "end", "wrap-up", "status", "chat", "chat-send")
PREFIX = "/local/ccp/"


def _problem(status: int, slug: str, title: str, detail: str) -> Response:
    body = {"type": f"urn:contactcenter:problem:{slug}", "title": title, "status": status, "detail": detail}
    return Response(json.dumps(body), status=status, content_type="application/problem+json")


def serve(auth: LocalAuth, request: Request) -> Response:
    action = request.path.removeprefix(PREFIX)
    if action not in ACTIONS:
        return _problem(404, "not-found", "No such CCP action", f"one of {', '.join(ACTIONS)}")
    try:
        claims = auth.authorize(request.headers.get("Authorization"), (SCOPE_API,))
    except TokenRejected:
        return _problem(401, "unauthorized", "Unauthorized", "a staff access token is needed")
    connect = local_connect._current
    if connect is None:
        return _problem(503, "unavailable", "No local Connect", "the local cloud has no Connect instance")
    try:
        body = json_body(request)
    except BodyTooLarge as error:
        return _problem(413, "too-large", "Request too large", str(error))
    if not isinstance(body, dict):
        return _problem(400, "malformed-json", "Bad request", "the body is a JSON object")
    user = claims.get("username", "")
    center = connect.center
    answer: dict[str, Any] = {"ok": True}
    try:
        if action == "chat":
            answer = {"transcript": transcript(connect.chats.agent_chat(center, user))}
        elif action == "chat-send":
            text = body.get("text")
            if not isinstance(text, str):
                return _problem(400, "bad-request", "Bad request", 'the body is {"text": "..."}')
            connect.chats.agent_writes(center, user, text)
        elif action == "accept":
            center.accept(user)
        elif action == "hold":
            center.hold(user)
        elif action == "resume":
            center.resume(user)
        elif action == "end":
            center.end(user)
        elif action == "wrap-up":
            code = body.get("code")
            center.wrap_up(user, str(code) if code else None)
        else:
            center.set_status(user, str(body.get("status", "")))
    except UnknownResource as error:
        return _problem(404, "not-found", "Not in the contact center", str(error).strip("'\""))
    except ContactCenterError as error:
        return _problem(409, "conflict", "The contact center refused it", str(error))
    except ChatError as error:
        slug = "bad-request" if error.status == 400 else "conflict"
        return _problem(error.status, slug, "The chat refused it", str(error))
    response = Response(json.dumps(answer), content_type="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response
