"""Search behaviour on a small multilingual knowledge base (en, nl, zh, ko) with the real encoder:
relevance, language handling, visibility rules, filters, highlights, pagination, updates and a
rebuild that never stops searches from answering. The article set is reused by the batch and
OpenSearch tests."""

import threading
import time
from collections.abc import Sequence
from dataclasses import replace

import pytest

from contactcenter.knowledge.embedded import EmbeddedEngine, reset_shared, shared
from contactcenter.knowledge.embeddings import Encoder, Vectors, get_encoder
from contactcenter.knowledge.models import Article, SearchQuery

ARTICLES = [
    Article(
        id="en-reset-password",
        language="en",
        title="How to reset your password",
        answer="Open Settings, choose Security and tap Reset password. We e-mail you a link for one hour.",
        questions=("I forgot my password", "I can't log in to my account", "change my password"),
        products=("app",),
    ),
    Article(
        id="en-track-parcel",
        language="en",
        title="Track your parcel",
        answer="Use the tracking number in your shipping confirmation to see where your package is.",
        questions=("where is my package", "my order has not arrived yet", "what is my tracking number"),
        products=("shop",),
    ),
    Article(
        id="en-refund",
        language="en",
        title="Request a refund",
        answer="Refunds go back to the original payment method in 5 working days. Terms & conditions apply.",
        questions=("I want my money back", "how do I get a refund for my order", "I was charged twice"),
        products=("shop",),
    ),
    Article(
        id="en-phone-support",
        language="en",
        title="Call our phone support",
        answer="Our phone line is open Monday to Friday from 8:00 to 20:00.",
        questions=("what is your phone number", "can I call you", "talk to someone on the telephone"),
    ),
    Article(
        id="en-roaming",
        language="en",
        title="Using your phone abroad",
        answer="Roaming is included in all plans within the EU. Outside the EU a daily fee applies.",
        questions=("does my phone work abroad", "roaming charges"),
        products=("mobile",),
    ),
    Article(
        id="en-escalation",
        language="en",
        title="Escalate a refund complaint to tier 2",
        answer="Agents only: open the complaint ticket and choose Escalate when a refund is over 500 euro.",
        questions=("how do I escalate a refund complaint",),
        audience="agents",
    ),
    Article(
        id="en-premium-draft",
        language="en",
        title="Premium plan prices",
        answer="The premium plan costs 12 euro a month.",
        questions=("how much does the premium plan cost",),
        status="draft",
    ),
    Article(
        id="en-fax-archived",
        language="en",
        title="Send us a fax",
        answer="Our fax number is 555-0100.",
        questions=("what is your fax number",),
        status="archived",
    ),
    Article(
        id="nl-wachtwoord",
        language="nl",
        title="Wachtwoord vergeten",
        answer="Ga naar Instellingen, kies Beveiliging en tik op Wachtwoord herstellen.",
        questions=(
            "ik ben mijn wachtwoord vergeten",
            "hoe wijzig ik mijn wachtwoord",
            "ik kan niet inloggen",
        ),
    ),
    Article(
        id="nl-pakket",
        language="nl",
        title="Waar is mijn pakket?",
        answer="Met de track-and-tracecode volgt u uw bestelling tot aan de deur.",
        questions=("mijn bestelling is niet aangekomen", "wanneer wordt mijn pakket bezorgd"),
    ),
    Article(
        id="nl-factuur",
        language="nl",
        title="Factuur downloaden",
        answer="Uw facturen staan onder Mijn account, Facturen.",
        questions=("waar vind ik mijn facturen", "ik wil een kopie van mijn rekening"),
    ),
    Article(
        id="zh-password",
        language="zh",
        title="重置密码",
        answer="打开设置，选择安全，然后点击重置密码。",
        questions=("我忘记了密码", "怎么修改密码", "无法登录账户"),
    ),
    Article(
        id="zh-refund",
        language="zh",
        title="申请退款",
        answer="退款将在五个工作日内退回到原支付方式。",
        questions=("我想退货退款", "怎么申请退款"),
    ),
    Article(
        id="ko-password",
        language="ko",
        title="비밀번호 재설정",
        answer="설정에서 보안을 선택한 후 비밀번호 재설정을 누르세요.",
        questions=("비밀번호를 잊어버렸어요", "로그인이 안 돼요"),
    ),
    Article(
        id="ko-delivery",
        language="ko",
        title="배송 조회",
        answer="운송장 번호로 배송 상태를 확인할 수 있습니다.",
        questions=("택배가 아직 안 왔어요", "배송은 얼마나 걸리나요"),
    ),
]


@pytest.fixture(scope="session")
def kb() -> EmbeddedEngine:
    """The knowledge base above in an embedded engine (the real encoder; loaded once, ~1 s)."""
    engine = EmbeddedEngine()
    engine.rebuild(ARTICLES)
    return engine


def top(engine: EmbeddedEngine, text: str, **options: object) -> str | None:
    result = engine.search(SearchQuery(text=text, **options))  # type: ignore[arg-type]
    return result.hits[0].article_id if result.hits else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I forgot my password", "en-reset-password"),
        ("where is my parcel?", "en-track-parcel"),
        ("I would like my money back", "en-refund"),
        ("what number can I phone", "en-phone-support"),
        ("ik ben mijn wachtwoord vergeten", "nl-wachtwoord"),
        ("wanneer komt mijn pakket", "nl-pakket"),
        ("kopie van mijn facturen", "nl-factuur"),
        ("密码忘了怎么办", "zh-password"),
        ("我要退款", "zh-refund"),
        ("비밀번호를 잊었어요", "ko-password"),
        ("택배 배송 조회", "ko-delivery"),
    ],
)
def test_the_right_article_comes_first(kb: EmbeddedEngine, text: str, expected: str) -> None:
    assert top(kb, text) == expected


def test_the_query_language_is_detected_and_reported(kb: EmbeddedEngine) -> None:
    result = kb.search(SearchQuery("hoe wijzig ik mijn wachtwoord"))
    assert (result.language, result.language_fallback) == ("nl", False)
    assert {hit.language for hit in result.hits} == {"nl"}


@pytest.mark.parametrize(("text", "language"), [("Как сбросить пароль", None), ("reset password", "fr")])
def test_an_unsupported_language_falls_back_to_english_and_says_so(
    kb: EmbeddedEngine, text: str, language: str | None
) -> None:
    result = kb.search(SearchQuery(text, language=language))
    assert (result.language, result.language_fallback) == ("en", True)


def test_misspelled_words_still_find_the_article(kb: EmbeddedEngine) -> None:
    result = kb.search(SearchQuery("pasword resett", language="en"))
    assert result.hits[0].article_id == "en-reset-password"
    assert result.corrections == {"pasword": "password", "resett": "reset"}


def test_a_word_that_sounds_alike_is_matched(kb: EmbeddedEngine) -> None:
    result = kb.search(SearchQuery("fone number", language="en"))
    assert result.corrections == {"fone": "phone"}
    assert result.hits[0].article_id == "en-phone-support"


def test_a_whole_email_is_reduced_to_key_terms(kb: EmbeddedEngine) -> None:
    email = (
        "Dear customer service, I hope this message finds you well. I have been a loyal customer "
        "for years and I am usually very happy with everything you do. Last week something went "
        "wrong though. I was charged twice for the same order and I would like a refund of the "
        "second payment back to my card. The order was a pair of shoes. Could you please look into "
        "this as soon as possible? I am going on holiday soon and need the money. Thank you very "
        "much in advance for your help. Kind regards, Maria"
    )
    result = kb.search(SearchQuery(email, language="en"))
    assert result.key_terms and "refund" in result.key_terms
    assert not {"dear", "kind", "regards"} & set(result.key_terms)
    assert result.hits[0].article_id == "en-refund"


ALL_TEXTS = [
    "what is your fax number",
    "how much does the premium plan cost",
    "how do I escalate a refund complaint",
    "refund",
    "phone",
    "password",
]


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_public_callers_only_ever_see_published_public_articles(kb: EmbeddedEngine, text: str) -> None:
    for query in (SearchQuery(text, size=50), SearchQuery(text, size=50, include_unpublished=True)):
        hits = kb.search(query).hits
        assert hits
        for hit in hits:
            article = kb.get(hit.article_id)
            assert article is not None
            assert (article.status, article.audience) == ("published", "public"), hit.article_id


def test_agents_also_see_agent_articles_but_not_drafts_by_default(kb: EmbeddedEngine) -> None:
    assert top(kb, "how do I escalate a refund complaint", audience="agents") == "en-escalation"
    ids = {h.article_id for h in kb.search(SearchQuery("premium plan cost", audience="agents", size=50)).hits}
    assert "en-premium-draft" not in ids


def test_agents_can_preview_drafts_and_archived_articles(kb: EmbeddedEngine) -> None:
    assert top(kb, "premium plan cost", audience="agents", include_unpublished=True) == "en-premium-draft"
    assert top(kb, "fax number", audience="agents", include_unpublished=True) == "en-fax-archived"


def test_product_filter(kb: EmbeddedEngine) -> None:
    hits = kb.search(SearchQuery("phone", language="en", product="mobile", size=50)).hits
    assert [h.article_id for h in hits] == ["en-roaming"]
    assert kb.search(SearchQuery("phone", language="en", product="no-such-product")).hits == ()


def test_highlights_mark_the_matched_words_in_the_original_text(kb: EmbeddedEngine) -> None:
    hit = kb.search(SearchQuery("reset my passwords", language="en")).hits[0]
    assert hit.article_id == "en-reset-password"
    assert hit.highlights["title"] == ("How to <em>reset</em> your <em>password</em>",)
    assert hit.highlights["question"] == ("I forgot my <em>password</em>",)
    # Stop words ("my") are matched but not highlighted.
    assert "<em>my</em>" not in hit.highlights["question"][0]


def test_highlights_are_html_escaped_and_cover_cjk_words(kb: EmbeddedEngine) -> None:
    refund = kb.search(SearchQuery("refund terms", language="en")).hits[0]
    assert refund.article_id == "en-refund"
    assert "<em>Terms</em> &amp; conditions" in refund.highlights["answer"][0]
    zh = kb.search(SearchQuery("重置密码")).hits[0]
    assert zh.highlights["title"] == ("<em>重置密码</em>",)


def test_highlights_can_be_turned_off(kb: EmbeddedEngine) -> None:
    assert kb.search(SearchQuery("reset password", highlight=False)).hits[0].highlights == {}


def test_pagination(kb: EmbeddedEngine) -> None:
    whole = kb.search(SearchQuery("phone password refund", language="en", size=4))
    first = kb.search(SearchQuery("phone password refund", language="en", size=2))
    second = kb.search(SearchQuery("phone password refund", language="en", size=2, offset=2))
    assert [h.article_id for h in first.hits + second.hits] == [h.article_id for h in whole.hits]
    assert len(whole.hits) == 4 and first.total == second.total == whole.total == 5  # the public en articles
    assert first.confidence == second.confidence == whole.hits[0].score
    beyond = kb.search(SearchQuery("phone", language="en", size=10, offset=90))
    assert beyond.hits == () and beyond.total > 0


def test_bad_paging_is_refused() -> None:
    with pytest.raises(ValueError, match="size"):
        SearchQuery("x", size=0)
    with pytest.raises(ValueError, match="offset"):
        SearchQuery("x", offset=95, size=10)


def test_an_empty_query_finds_nothing(kb: EmbeddedEngine) -> None:
    assert kb.search(SearchQuery("   ")).hits == ()


def test_upsert_replace_and_delete() -> None:
    engine = EmbeddedEngine()
    engine.rebuild(ARTICLES[:3])
    gift = Article(
        id="en-gift", language="en", title="Gift cards", questions=("how do I redeem a gift card",)
    )
    engine.upsert(gift)
    assert top(engine, "redeem my gift card") == "en-gift"
    # A new version replaces the old one entirely: its old wording is no longer indexed.
    engine.upsert(replace(gift, title="Vouchers", questions=("how do I use a voucher",), version=2))
    assert "redeem" not in engine.vocabulary("en")
    assert kb_article_version(engine, "en-gift") == 2
    assert top(engine, "use my voucher") == "en-gift"
    # ...and moving to another language moves it to that language's index.
    engine.upsert(
        replace(gift, language="nl", title="Cadeaubonnen", questions=("hoe gebruik ik een cadeaubon",))
    )
    assert top(engine, "cadeaubon gebruiken", language="nl") == "en-gift"
    assert "en-gift" not in {h.article_id for h in engine.search(SearchQuery("voucher", language="en")).hits}
    engine.delete("en-gift")
    assert engine.get("en-gift") is None
    assert "en-gift" not in {
        h.article_id for h in engine.search(SearchQuery("cadeaubon", language="nl")).hits
    }
    engine.delete("en-gift")  # deleting twice is fine
    engine.upsert(Article(id="empty", language="en", title=""))  # nothing to match: stored, never found
    assert engine.get("empty") is not None
    assert "empty" not in {h.article_id for h in engine.search(SearchQuery("anything", size=50)).hits}


def kb_article_version(engine: EmbeddedEngine, article_id: str) -> int | None:
    article = engine.get(article_id)
    return article.version if article else None


class GatedEncoder:
    """The real encoder, except that indexing (more than one text) waits until the gate opens:
    it holds a rebuild halfway while the test searches."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.gate = threading.Event()
        self.waiting = threading.Event()

    def encode(self, texts: Sequence[str]) -> Vectors:
        if len(texts) > 1:
            self.waiting.set()
            assert self.gate.wait(timeout=30)
        return self.inner.encode(texts)


def test_searches_keep_answering_during_a_rebuild() -> None:
    encoder = GatedEncoder(get_encoder())
    engine = EmbeddedEngine(encoder=encoder)
    encoder.gate.set()
    engine.rebuild(ARTICLES)
    encoder.gate.clear()
    encoder.waiting.clear()
    gift = Article(
        id="en-gift", language="en", title="Gift cards", questions=("how do I redeem a gift card",)
    )
    new_articles = [a for a in ARTICLES if a.id != "en-refund"] + [gift]
    rebuild = threading.Thread(target=engine.rebuild, args=(new_articles,))
    rebuild.start()
    try:
        assert encoder.waiting.wait(timeout=30)  # the rebuild is now half done
        started = time.perf_counter()
        for _ in range(5):
            assert top(engine, "I want my money back") == "en-refund"  # the old index answers
            assert top(engine, "I forgot my password") == "en-reset-password"
        assert time.perf_counter() - started < 5  # and does not wait for the rebuild
        assert rebuild.is_alive()
    finally:
        encoder.gate.set()
        rebuild.join(timeout=60)
    assert top(engine, "redeem a gift card") == "en-gift"
    assert "en-refund" not in {
        h.article_id for h in engine.search(SearchQuery("refund money back", size=50)).hits
    }


def test_the_shared_registry_gives_one_engine_per_name() -> None:
    reset_shared()
    try:
        indexer_side, search_side = shared("kb"), shared("kb")
        assert indexer_side is search_side
        assert shared("other") is not indexer_side
        indexer_side.upsert(ARTICLES[0])
        assert top(search_side, "forgot my password") == ARTICLES[0].id
    finally:
        reset_shared()
