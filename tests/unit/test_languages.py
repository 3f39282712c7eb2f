from contactcenter.languages import LANGUAGES, pick
from contactcenter.monitor.alert_texts import render
from contactcenter.reports import texts

HELLO = ("hello", "hallo", "你好", "안녕하세요")


def test_a_text_is_picked_in_the_languages_order_and_english_for_any_other() -> None:
    assert [pick(HELLO, language) for language in LANGUAGES] == list(HELLO)
    assert pick(HELLO, "fr") == "hello"


def test_alerts_and_reports_speak_the_language_they_are_asked_for() -> None:
    title, _ = render(True, "ko", queue="general", metric="contacts_waiting", value=4, threshold=3, clear=1)
    assert title == "대기열 general: 대기 중인 연락 4"
    assert texts.column("queue", "zh") == "队列" and texts.title("csat", "xx") == "Customer satisfaction"
