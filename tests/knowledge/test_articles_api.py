"""The knowledge API on the local cloud: articles (versions, publish, archive, delete, import),
search through the stream-fed index, who sees what, bad input, and a reindex that keeps
answering."""

import json
import threading
from typing import Any

import pytest

from contactcenter.knowledge.embedded import shared
from localcloud.provision import LOCAL_SEARCH
from tests.api.conftest import Api, problem, unique
from tests.knowledge.conftest import eventually, found, search

NDJSON = {"Content-Type": "application/x-ndjson"}  # the import's body: JSON Lines

pytestmark = pytest.mark.local_cloud
ADMIN = {"as_": "admin"}


def article(**fields: Any) -> dict[str, Any]:
    return {
        "article_id": unique("kb-test-"),
        "language": "en",
        "title": "Pair the Router Y with the mesh extender",
        "answer": "Press the pair button on the extender, then on the Router Y, within two minutes.",
        "questions": ["How do I connect the mesh extender?", "pair extender router y"],
        "products": ["router-y"],
        "tags": ["internet"],
        **fields,
    }


def create(api: Api, **fields: Any) -> dict[str, Any]:
    return api.call("POST", "/knowledge/articles", json=article(**fields), expect=201, **ADMIN).json()  # type: ignore[no-any-return]


def test_an_article_goes_from_draft_to_published_to_archived_with_versions(kb: Api) -> None:
    created = kb.call("POST", "/knowledge/articles", json=article(), expect=201, **ADMIN)
    body = created.json()
    article_id = body["article_id"]
    assert (body["status"], body["version"]) == ("draft", 1)
    assert created.headers["ETag"] == '"1"'
    assert created.headers["Location"] == f"/knowledge/articles/{article_id}"
    # A draft is found only by agents who ask for unpublished articles.
    eventually(lambda: found(kb, "mesh extender pair", unpublished="true"), lambda ids: article_id in ids)
    assert article_id not in found(kb, "mesh extender pair")

    published = kb.call("POST", f"/knowledge/articles/{article_id}/publish", expect=200, **ADMIN).json()
    assert (published["status"], published["version"]) == ("published", 2)
    eventually(lambda: found(kb, "mesh extender pair", as_="portal"), lambda ids: ids[:1] == [article_id])

    edited = kb.call(
        "PUT",
        f"/knowledge/articles/{article_id}",
        json=article(
            article_id=article_id, title="Pair the Router Y with a mesh extender", status="published"
        ),
        headers={"If-Match": '"2"'},
        expect=200,
        **ADMIN,
    )
    assert edited.json()["version"] == 3
    assert edited.headers["ETag"] == '"3"'

    kb.call("POST", f"/knowledge/articles/{article_id}/archive", expect=200, **ADMIN)
    eventually(lambda: found(kb, "mesh extender pair", as_="portal"), lambda ids: article_id not in ids)
    assert article_id not in found(kb, "mesh extender pair")
    assert article_id in found(kb, "mesh extender pair", unpublished="true")  # to find and restore it
    assert article_id not in found(kb, "mesh extender pair", as_="portal", unpublished="true")

    history = kb.call("GET", f"/knowledge/articles/{article_id}/versions", expect=200).json()["versions"]
    assert [v["version"] for v in history] == [4, 3, 2, 1]
    assert [v["article"]["status"] for v in history] == ["archived", "published", "published", "draft"]
    assert history[1]["article"]["title"] == "Pair the Router Y with a mesh extender"
    assert history[3]["saved_by"]


def test_a_stale_edit_is_refused_and_loses_nothing(kb: Api) -> None:
    body = create(kb)
    path = f"/knowledge/articles/{body['article_id']}"
    kb.call(
        "PUT", path, json=article(article_id=body["article_id"], answer="First edit."), **ADMIN, expect=200
    )
    stale = kb.call(
        "PUT",
        path,
        json=article(article_id=body["article_id"], answer="Second edit, from an old copy."),
        headers={"If-Match": '"1"'},
        expect=412,
        **ADMIN,
    )
    assert "version 2" in problem(stale)["detail"]
    assert kb.call("GET", path, expect=200).json()["answer"] == "First edit."


def test_deleting_removes_the_article_from_search_but_keeps_its_history(kb: Api) -> None:
    body = create(kb, status="published", title="Replace the Router Y power adapter")
    article_id = body["article_id"]
    eventually(lambda: found(kb, "router y power adapter"), lambda ids: article_id in ids)
    kb.call("DELETE", f"/knowledge/articles/{article_id}", expect=204, **ADMIN)
    eventually(lambda: found(kb, "router y power adapter"), lambda ids: article_id not in ids)
    assert problem(kb.call("GET", f"/knowledge/articles/{article_id}", expect=404))["type"].endswith(
        "not-found"
    )
    history = kb.call("GET", f"/knowledge/articles/{article_id}/versions", expect=200).json()
    assert [v["version"] for v in history["versions"]] == [1]
    # The id keeps its history: a new article needs another id.
    again = kb.call("POST", "/knowledge/articles", json=article(article_id=article_id), expect=409, **ADMIN)
    assert "existed" in problem(again)["detail"]
    after = kb.call("GET", f"/knowledge/articles/{article_id}/versions", expect=200).json()
    assert after["versions"][0]["article"]["title"] == "Replace the Router Y power adapter"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"language": "fr"}, "language"),
        ({"title": ""}, "title"),
        ({"audience": "everyone"}, "audience"),
        ({"status": "live"}, "status"),
        ({"colour": "blue"}, "colour"),
        ({"article_id": "has spaces"}, "article_id"),
        ({"questions": "not a list"}, "questions"),
    ],
)
def test_a_wrong_field_is_named(kb: Api, fields: dict[str, Any], field: str) -> None:
    response = kb.call("POST", "/knowledge/articles", json=article(**fields), expect=422, **ADMIN)
    assert field in json.dumps(problem(response))


def test_duplicates_and_unknown_articles(kb: Api) -> None:
    body = create(kb)
    again = kb.call(
        "POST", "/knowledge/articles", json=article(article_id=body["article_id"]), expect=409, **ADMIN
    )
    assert body["article_id"] in problem(again)["detail"]
    for method, suffix in (("GET", ""), ("DELETE", ""), ("POST", "/publish"), ("GET", "/versions")):
        kb.call(method, f"/knowledge/articles/kb-no-such-article{suffix}", expect=404, **ADMIN)
    kb.call("PUT", "/knowledge/articles/kb-no-such-article", json=article(), expect=404, **ADMIN)


def test_only_the_help_centers_administrators_write_and_customers_only_search(kb: Api) -> None:
    kb.call("POST", "/knowledge/articles", json=article(), as_="agent", expect=403)
    kb.call("POST", "/knowledge/articles", json=article(), as_="supervisor", expect=201)
    kb.call("POST", "/knowledge/import", data="{}", headers=NDJSON, as_="agent", expect=403)
    kb.call("POST", "/knowledge/reindex", as_="department:billing", expect=403)
    kb.call("GET", "/knowledge/articles/kb-hours-en", as_="portal", expect=403)
    kb.call("GET", "/knowledge/articles", as_="portal", expect=403)
    kb.call("GET", "/knowledge/search", params={"q": "opening hours"}, token="not-a-token", expect=401)


def test_customers_see_only_published_public_articles(kb: Api) -> None:
    question = "credit for an internet outage"
    assert found(kb, question)[0] == "kb-goodwill-credit-en"  # an agent sees the agents' article
    assert "kb-goodwill-credit-en" not in found(kb, question, as_="portal")
    assert "kb-goodwill-credit-en" not in found(kb, question, audience="public")
    # Drafts: agents who ask for them; a customer asking for them still gets none.
    assert "kb-router-z-setup-en" in found(kb, "set up the router z", unpublished="true")
    assert "kb-router-z-setup-en" not in found(kb, "set up the router z")
    assert "kb-router-z-setup-en" not in found(kb, "set up the router z", as_="portal", unpublished="true")
    # Department members do not read articles: they search what the public sees.
    department = "department:billing"
    assert "kb-goodwill-credit-en" not in found(kb, question, as_=department)
    assert "kb-router-z-setup-en" not in found(kb, "set up the router z", as_=department, unpublished="true")


def test_a_did_you_mean_never_reveals_a_word_of_a_hidden_article(kb: Api) -> None:
    """Only the agents' article has the word goodwill: an agent's misspelling is corrected to it
    (to its stem), a customer's is not (a correction would tell them the word exists)."""
    assert search(kb, "godwill credit", lang="en")["corrections"] == {"godwill": "goodwil"}
    for who in ("portal", "department:billing"):
        corrections = search(kb, "godwill credit", lang="en", as_=who)["corrections"]
        assert "goodwil" not in corrections.values(), who


def test_search_in_each_language_with_highlights_filters_and_pages(kb: Api) -> None:
    for q, lang, expected in (
        ("I forgot my password", "en", "kb-password-en"),
        ("wachtwoorden vergeten", "nl", "kb-password-nl"),  # a plural: the Dutch stemmer
        ("路由器闪红灯", "zh", "kb-router-restart-zh"),  # no spaces: CJK bigrams
        ("비밀번호를 잊어버렸어요", "ko", "kb-password-ko"),
        ("my internt is not workng", "en", "kb-router-restart-en"),  # misspelled
        ("pasword forgoten", "en", "kb-password-en"),
    ):
        body = search(kb, q, lang=lang)
        assert body["hits"][0]["article_id"] == expected, (q, body["hits"][:2])
        assert body["language"] == lang
    restart = search(kb, "restart router", lang="en")
    assert restart["hits"][0]["highlights"], "no highlights"
    assert any(
        "<em>restart</em>" in part.lower()
        for parts in restart["hits"][0]["highlights"].values()
        for part in parts
    )
    corrected = search(kb, "my internt is not workng", lang="en")
    assert corrected["corrections"]["internt"] == "internet"
    # A product filter, and pages that do not overlap.
    assert set(found(kb, "internet not working", product="router-x")) <= {
        "kb-router-restart-en",
        "kb-goodwill-credit-en",
    }
    first = search(kb, "internet router password hours charged", lang="en", size=2)
    second = search(kb, "internet router password hours charged", lang="en", size=2, offset=2)
    assert first["total"] == second["total"] >= 4
    assert not {h["article_id"] for h in first["hits"]} & {h["article_id"] for h in second["hits"]}


def test_a_whole_customer_email_is_reduced_to_its_key_terms(kb: Api) -> None:
    email = (
        "Dear help desk,\n\nI hope you are well. I am writing because when I looked at my bank statement "
        "this morning I noticed that you charged me twice for the same invoice in November. This is the "
        "second time this has happened and I would really like to have my money back as soon as possible. "
        "Could you please look into it?\n\nKind regards,\nPiet"
    )
    body = kb.call("POST", "/knowledge/search", json={"q": email, "lang": "en"}, expect=200).json()
    assert body["hits"][0]["article_id"] == "kb-double-charge-en"
    assert body["key_terms"] and len(body["key_terms"]) < len(email.split())


@pytest.mark.parametrize(
    ("q", "slug"), [("", "empty-query"), ("   ", "empty-query"), ("x " * 5001, "query-too-long")]
)
def test_empty_and_oversize_queries_get_a_specific_answer(kb: Api, q: str, slug: str) -> None:
    assert problem(kb.call("GET", "/knowledge/search", params={"q": q}, expect=400))["type"].endswith(slug)
    assert problem(kb.call("POST", "/knowledge/search", json={"q": q}, expect=400))["type"].endswith(slug)


def test_a_page_beyond_the_result_window_is_refused_by_name(kb: Api) -> None:
    params = {"q": "password", "offset": "90", "size": "20"}
    answer = problem(kb.call("GET", "/knowledge/search", params=params, expect=400))
    assert answer["type"].endswith("beyond-result-window")
    assert "not 110" in answer["detail"]


def test_an_unsupported_language_falls_back_to_the_default_and_says_so(kb: Api) -> None:
    body = search(kb, "password forgotten", lang="fr")
    assert body["language"] == "en"
    assert body["language_fallback"] is True
    assert "'fr' is not supported" in body["notice"]
    assert body["hits"][0]["article_id"] == "kb-password-en"
    assert search(kb, "password forgotten", lang="en")["notice"] is None


def import_line(**fields: Any) -> dict[str, Any]:
    """An article in the import format (../shared/data/README.md): `id` instead of `article_id`."""
    body = article(**fields)
    return {"id": body.pop("article_id"), **body}


def test_import_reports_bad_lines_by_number_and_imports_the_rest(kb: Api) -> None:
    good = import_line(status="published", title="Router Y firmware update")
    mixed = import_line(
        language="zh",
        title="Router Y 固件升级",
        questions=["怎么升级Router Y的固件？"],
        answer="在Router Y的app里选择“固件升级”。",
        status="published",
    )
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps(import_line(language="fr")),
        json.dumps(mixed, ensure_ascii=False),
        json.dumps({"title": "no id"}),
        # Valid in the import format, refused by the API's rules: still a numbered line error.
        json.dumps(import_line(id="Has Space")),
        json.dumps(import_line(tags=["VIP"])),
        # A line separator pasted into an answer is text, not the end of a line.
        json.dumps(import_line(answer="Eerst dit.\u2028Dan dat."), ensure_ascii=False),
    ]
    report = kb.call(
        "POST",
        "/knowledge/import",
        params={"first_line": 11},
        data="\n".join(lines).encode(),
        headers={"Content-Type": "application/x-ndjson"},
        expect=200,
        **ADMIN,
    ).json()
    assert (report["imported"], report["updated"], report["unchanged"]) == (3, 0, 0)
    assert [e["line"] for e in report["errors"]] == [12, 13, 15, 16, 17]
    assert "language" in report["errors"][1]["message"]
    assert report["errors"][3]["message"].startswith("article_id:")
    assert report["errors"][4]["message"].startswith("tags.0:")
    # Imported and searchable, the script mixture by its Latin and its Chinese words alike.
    eventually(lambda: found(kb, "固件升级", lang="zh"), lambda ids: ids[:1] == [mixed["id"]])
    assert found(kb, "Router Y 固件", lang="zh")[0] == mixed["id"]
    # The same file again: nothing new, no new versions.
    again = kb.call(
        "POST", "/knowledge/import", data="\n".join(lines).encode(), headers=NDJSON, expect=200, **ADMIN
    ).json()
    assert (again["imported"], again["updated"], again["unchanged"]) == (0, 0, 3)
    versions = kb.call("GET", f"/knowledge/articles/{good['id']}/versions", expect=200).json()
    assert len(versions["versions"]) == 1


def test_a_reindex_rebuilds_from_the_table_while_searches_keep_answering(kb: Api) -> None:
    engine = shared(LOCAL_SEARCH["CC_SEARCH_ALIAS"])
    assert found(kb, "opening hours", as_="portal")[:1] == ["kb-hours-en"]
    # The index loses every article (as a new, empty domain would); the table still has them.
    engine.rebuild([])
    assert found(kb, "opening hours", as_="portal") == []
    kb.call("POST", "/knowledge/reindex", expect=202, **ADMIN)
    eventually(lambda: found(kb, "opening hours", as_="portal"), lambda ids: ids[:1] == ["kb-hours-en"])
    assert found(kb, "비밀번호를 잊어버렸어요", lang="ko")[:1] == ["kb-password-ko"]

    # Another rebuild with searches running throughout: every one of them answers.
    answers: list[list[str]] = []
    stop = threading.Event()

    def keep_searching() -> None:
        while not stop.is_set():
            answers.append(found(kb, "opening hours", as_="portal"))

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        kb.call("POST", "/knowledge/reindex", expect=202, **ADMIN)
        kb.session.cloud.wait_idle()
    finally:
        stop.set()
        searcher.join()
    assert answers and all(ids[:1] == ["kb-hours-en"] for ids in answers), answers


def test_feedback_counts_start_at_zero(kb: Api) -> None:
    body = kb.call("GET", "/knowledge/articles/kb-router-z-setup-en/feedback", expect=200).json()
    assert body == {"article_id": "kb-router-z-setup-en", "helpful": 0, "unhelpful": 0}
    kb.call("GET", "/knowledge/articles/kb-nothing/feedback", expect=404)
