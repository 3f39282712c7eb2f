import json

from contactcenter.api.problems import PROBLEM_CONTENT_TYPE, from_domain_error
from contactcenter.errors import Conflict, NotFound, TooManyRequests


def test_domain_error_becomes_problem_with_field_and_extensions() -> None:
    error = Conflict("cannot close a new ticket", field="status", allowed=["open"])
    response = from_domain_error(error, instance="/tickets/T-1/transitions")
    body = json.loads(response.body)
    assert response.status_code == 409
    assert response.headers["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert body == {
        "type": "urn:contactcenter:problem:conflict",
        "title": Conflict.title,
        "status": 409,
        "detail": "cannot close a new ticket",
        "instance": "/tickets/T-1/transitions",
        "field": "status",
        "allowed": ["open"],
    }


def test_non_ascii_detail_is_kept_verbatim() -> None:
    body = json.loads(from_domain_error(NotFound("고객 없음 · 客户不存在")).body)
    assert body["detail"] == "고객 없음 · 客户不存在"


def test_too_many_requests_says_when_to_retry_in_the_header_and_the_body() -> None:
    response = from_domain_error(TooManyRequests("slow down", retry_after=42, limit="customer-requests"))
    body = json.loads(response.body)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "42"
    assert body["type"] == "urn:contactcenter:problem:too-many-requests"
    assert (body["retry_after"], body["limit"]) == (42, "customer-requests")
    # Never "retry after 0 seconds": a client would come straight back.
    assert from_domain_error(TooManyRequests("x", retry_after=0, limit="l")).headers["Retry-After"] == "1"
