"""Analysis: stemming, CJK bigrams, language detection and fallback, phonetics, spelling
corrections and long-query reduction. No embeddings here: these run in milliseconds."""

import pytest

from contactcenter.knowledge.analysis import (
    Token,
    analyzer,
    detect_language,
    is_cjk,
    phonetic_code,
    resolve_language,
)
from contactcenter.knowledge.planning import PlanningConfig, plan_query
from contactcenter.knowledge.vocabulary import Vocabulary


@pytest.mark.parametrize(
    ("language", "text", "tokens"),
    [
        ("en", "Running reservations for passwords", ["run", "reserv", "for", "password"]),
        ("en", "The customer's deliveries", ["the", "custom", "deliveri"]),
        ("en", "don\u2019t RESET", ["dont", "reset"]),
        ("nl", "Wachtwoorden bestellingen facturen", ["wachtwoord", "bestell", "factur"]),
        ("nl", "Privé bezorging", ["priv", "bezorg"]),  # é folded to e, then stemmed
        # Full-width Latin letters are folded (NFKC) before stemming.
        ("en", "\uff30\uff21\uff33\uff33\uff37\uff2f\uff32\uff24", ["password"]),
    ],
)
def test_words_are_normalised_and_stemmed_per_language(language: str, text: str, tokens: list[str]) -> None:
    assert analyzer(language).tokens(text) == tokens


def test_english_and_dutch_stem_differently() -> None:
    # "bestellingen" is Dutch for "orders": only the Dutch stemmer takes the plural off.
    assert analyzer("nl").tokens("bestellingen") == ["bestell"]
    assert analyzer("en").tokens("bestellingen") == ["bestellingen"]


@pytest.mark.parametrize(
    ("singular", "plural"),
    [("wachtwoord", "wachtwoorden"), ("factuur", "facturen"), ("rekening", "rekeningen")],
)
def test_dutch_singular_and_plural_share_a_stem(singular: str, plural: str) -> None:
    assert analyzer("nl").tokens(singular) == analyzer("nl").tokens(plural)


def test_chinese_is_split_into_overlapping_bigrams() -> None:
    assert analyzer("zh").tokens("重置密码") == ["重置", "置密", "密码"]
    # A query for "密码" (password) therefore matches a text containing "重置密码".
    assert set(analyzer("zh").tokens("密码")) <= set(analyzer("zh").tokens("重置密码"))


def test_a_single_cjk_character_is_a_unigram() -> None:
    assert analyzer("zh").tokens("我 是") == ["我", "是"]


def test_korean_bigrams_match_across_attached_particles() -> None:
    with_particle = analyzer("ko").tokens("비밀번호를 잊었어요")
    assert with_particle == ["비밀", "밀번", "번호", "호를", "잊었", "었어", "어요"]
    assert set(analyzer("ko").tokens("비밀번호")) <= set(with_particle)


def test_script_mixture_keeps_latin_product_names_inside_chinese() -> None:
    assert analyzer("zh").tokens("我的iPhone电池坏了") == ["我的", "iphon", "电池", "池坏", "坏了"]


def test_tokens_carry_offsets_into_the_original_text() -> None:
    text = "Reset 密码"
    tokens = analyzer("zh").analyze(text)
    assert tokens == [Token("reset", 0, 5), Token("密码", 6, 8)]
    assert [text[t.start : t.end] for t in tokens] == ["Reset", "密码"]
    assert is_cjk("密码") and not is_cjk("reset")


def test_unsupported_analyzer_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        analyzer("fr")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("how do I reset my password", "en"),
        ("hoe kan ik mijn wachtwoord wijzigen", "nl"),
        ("我忘记了密码", "zh"),
        ("비밀번호를 잊었어요", "ko"),
        ("iPhone 电池坏了", "zh"),
        ("パスワードを忘れました", "ja"),
        ("Как сбросить пароль", "und"),
        ("comment changer mon mot de passe", "fr"),
        ("Ich möchte mein Passwort zurücksetzen", "de"),
        ("12345", None),
        # short informal Dutch that carries none of the words marker lists look for
        ("doe alle lichten uit", "nl"),
        ("mijn factuur klopt niet", "nl"),
        ("zet de wekker om zeven uur", "nl"),
        ("turn the lights off", "en"),
        ("my invoice is wrong", "en"),
        # no clue: a product name, a word of every language
        ("router", None),
        ("ok", None),
    ],
)
def test_language_detection(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_detected_language_is_used_when_the_knowledge_base_has_it() -> None:
    choice = resolve_language(None, "hoe kan ik mijn wachtwoord wijzigen", {"en", "nl"})
    assert (choice.language, choice.fallback) == ("nl", False)


@pytest.mark.parametrize(
    ("requested", "text", "available", "language", "fallback"),
    [
        ("fr", "mon mot de passe", None, "en", True),  # asked for an unsupported language
        ("nl-BE", "wachtwoord", None, "nl", False),  # a regional tag is fine
        (None, "Как сбросить пароль", None, "en", True),  # detected, unsupported
        (None, "comment changer mon mot de passe", None, "en", True),
        (None, "hoe kan ik mijn wachtwoord wijzigen", {"en"}, "en", True),  # no Dutch articles
        ("nl", "wachtwoord", {"en"}, "en", True),
        (None, "12345", None, "en", False),  # no clue: the default, not a fallback
        (None, "12345", {"nl"}, "nl", False),  # default not available: the one that is
    ],
)
def test_language_fallback(
    requested: str | None, text: str, available: set[str] | None, language: str, fallback: bool
) -> None:
    choice = resolve_language(requested, text, available)
    assert (choice.language, choice.fallback) == (language, fallback)


def test_phonetic_codes_group_words_that_sound_alike() -> None:
    assert phonetic_code("phone") == phonetic_code("fone") == "FN"
    assert phonetic_code("katherine") == phonetic_code("catherine")
    assert phonetic_code("jansen") == phonetic_code("janssen")
    assert phonetic_code("smith") != phonetic_code("phone")
    assert phonetic_code("电话") is None
    assert phonetic_code("a1") is None


VOCABULARY = Vocabulary(
    {
        "password": 5,
        "reset": 3,
        "phone": 2,
        "deliveri": 2,
        "invoic": 4,
        "refund": 3,
        "catherin": 1,
        "pass": 9,
    },
    doc_count=20,
)


@pytest.mark.parametrize(
    ("misspelled", "meant"),
    [
        ("pasword", "password"),  # one deletion
        ("passwrod", "password"),  # a transposition is one edit
        ("refnud", "refund"),
        ("fone", "phone"),  # sounds the same, two edits, different first letter
        ("katherin", "catherin"),
    ],
)
def test_misspellings_are_matched_to_indexed_terms(misspelled: str, meant: str) -> None:
    assert VOCABULARY.suggest(misspelled) == meant


@pytest.mark.parametrize("word", ["password", "xyzzyq", "pw", "密码", "2fa2"])
def test_no_suggestion_for_indexed_short_unknown_or_cjk_terms(word: str) -> None:
    assert VOCABULARY.suggest(word) is None


def test_closest_then_most_frequent_suggestion_wins() -> None:
    vocabulary = Vocabulary({"card": 1, "care": 7, "cart": 3}, doc_count=10)
    assert vocabulary.suggest("carx") == "care"


def test_a_misspelled_query_word_is_searched_as_its_correction_at_lower_weight() -> None:
    plan = plan_query("Pasword reset", analyzer("en"), VOCABULARY, PlanningConfig())
    assert plan.terms == {"password": 0.5, "reset": 1.0}
    assert plan.corrections == {"Pasword": "password"}
    assert plan.embed_text == "Pasword reset"


def test_corrections_can_be_switched_off() -> None:
    plan = plan_query("Pasword reset", analyzer("en"), VOCABULARY, PlanningConfig(correct_spelling=False))
    assert plan.terms == {"pasword": 1.0, "reset": 1.0}
    assert plan.corrections == {}


EMAIL = (
    "Hello team,\n"
    "I hope you are all doing well and that the weather is nicer where you are than it is here. "
    "I have been a customer for many years and I have always been happy with the service.\n"
    "Last month I was charged twice on my invoice and I would like a refund of the second payment. "
    "The invoice number is on the attachment. Could you please refund it to my card?\n"
    "Thanks a lot in advance, and say hello to everyone in the office.\n"
    "Kind regards,\nMaria"
)


def test_a_long_query_is_reduced_to_its_key_terms() -> None:
    vocabulary = Vocabulary(
        {"invoic": 3, "refund": 2, "charg": 4, "card": 6, "payment": 5, "the": 18, "i": 19, "you": 15,
         "custom": 9, "month": 8, "hello": 12, "weather": 1},
        doc_count=20,
    )  # fmt: skip
    config = PlanningConfig(long_query_tokens=40, key_terms=5)
    plan = plan_query(EMAIL, analyzer("en"), vocabulary, config)
    assert len(plan.terms) == 5
    # Rare and repeated words of the knowledge base win; stop words and greetings never qualify.
    assert set(plan.key_terms) >= {"invoice", "refund"}
    assert not {"hello", "the", "i", "you"} & set(plan.key_terms)
    # The embedding gets the sentences carrying the key terms, not the greeting or signature.
    assert "refund of the second payment" in plan.embed_text
    assert "Kind regards" not in plan.embed_text
    assert len(plan.embed_text) < len(EMAIL)


def test_a_short_query_is_not_reduced() -> None:
    plan = plan_query("I was charged twice on my invoice", analyzer("en"), VOCABULARY, PlanningConfig())
    assert plan.key_terms == ()
    assert "invoic" in plan.terms and "i" in plan.terms
