"""The help center's answers: a customer reads a published public article and says whether it
helped; drafts, archived articles and agents-only guidance stay out of reach (404)."""

import uuid

import pytest

from localcloud.seed import seed_knowledge
from tests.api.conftest import Api, problem


@pytest.fixture(scope="module")
def customer_token(api: Api) -> str:
    seed_knowledge(api.session)
    return api.session.token("customer", customer_id=api.customer()["customer_id"])


def test_a_customer_reads_a_public_answer_without_its_editorial_fields(api: Api, customer_token: str) -> None:
    answer = api.call("GET", "/knowledge/articles/kb-password-nl/answer", token=customer_token, expect=200)
    body = answer.json()
    assert body["title"] == "Je wachtwoord opnieuw instellen"
    assert body["answer"].startswith("Ga naar Mijn account")
    assert body["language"] == "nl"
    assert not {"updated_by", "version", "audience", "status", "tags"} & body.keys()
    # The portal client and staff read it too; the staff-only article route stays staff-only.
    api.call("GET", "/knowledge/articles/kb-password-nl/answer", as_="portal", expect=200)
    api.call("GET", "/knowledge/articles/kb-password-nl/answer", as_="department:billing", expect=200)
    api.call("GET", "/knowledge/articles/kb-password-nl", token=customer_token, expect=403)


@pytest.mark.parametrize("article_id", ["kb-goodwill-credit-en", "kb-router-z-setup-en", "kb-nothing-here"])
def test_drafts_agents_only_and_unknown_articles_are_not_found(
    api: Api, customer_token: str, article_id: str
) -> None:
    for as_staff in (False, True):
        token = api.session.token("agent") if as_staff else customer_token
        read = api.call("GET", f"/knowledge/articles/{article_id}/answer", token=token, expect=404)
        assert problem(read)["field"] == "article_id"
        rated = api.call(
            "POST",
            f"/knowledge/articles/{article_id}/feedback",
            token=token,
            json={"helpful": True},
            expect=404,
        )
        assert problem(rated)["field"] == "article_id"


def test_feedback_is_counted_once_per_idempotency_key(api: Api, customer_token: str) -> None:
    def counts() -> tuple[int, int]:
        body = api.call(
            "GET", "/knowledge/articles/kb-hours-en/feedback", as_="supervisor", expect=200
        ).json()
        return body["helpful"], body["unhelpful"]

    before = counts()
    key = {"Idempotency-Key": str(uuid.uuid4())}
    for _ in range(2):
        answer = api.call(
            "POST",
            "/knowledge/articles/kb-hours-en/feedback",
            token=customer_token,
            json={"helpful": True},
            headers=key,
            expect=202,
        )
        assert answer.json() == {"article_id": "kb-hours-en", "helpful": True}
    api.call(
        "POST",
        "/knowledge/articles/kb-hours-en/feedback",
        token=customer_token,
        json={"helpful": False},
        expect=202,
    )
    assert counts() == (before[0] + 1, before[1] + 1)
    refused = api.call(
        "POST",
        "/knowledge/articles/kb-hours-en/feedback",
        token=customer_token,
        json={"helpful": "yes", "stars": 5},
        expect=422,
    )
    assert {e["field"] for e in problem(refused)["errors"]} >= {"body.helpful", "body.stars"}
