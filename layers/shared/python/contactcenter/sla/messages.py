"""What an escalation tells people, in the recipient's language. The same texts are the SES
e-mail templates the deployment creates (``{{name}}`` placeholders)."""

from contactcenter.languages import DEFAULT_LANGUAGE

# kind -> language -> (title, body). Placeholders: ticket_id, subject, level, timer, due, department.
MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "at_risk": {
        "en": (
            "{ticket_id} is at risk of missing its SLA",
            "{ticket_id} \u201c{subject}\u201d: the {timer} is due {due} ({level}).",
        ),
        "nl": (
            "{ticket_id} dreigt de SLA te missen",
            "{ticket_id} \u201c{subject}\u201d: uiterste tijd voor de {timer}: {due} ({level}).",
        ),
        "zh": (
            "{ticket_id} 即将超出服务时限",
            "{ticket_id}\u201c{subject}\u201d：{timer}截止时间为 {due}（{level}）。",
        ),
        "ko": (
            "{ticket_id} SLA 위반 위험",
            "{ticket_id} \u201c{subject}\u201d: {timer} 기한은 {due}입니다 ({level}).",
        ),
    },
    "breached": {
        "en": (
            "{ticket_id} has breached its SLA",
            "{ticket_id} \u201c{subject}\u201d: the {timer} was due {due} ({level}).",
        ),
        "nl": (
            "{ticket_id} heeft de SLA overschreden",
            "{ticket_id} \u201c{subject}\u201d: de {timer} had {due} moeten zijn ({level}).",
        ),
        "zh": (
            "{ticket_id} 已超出服务时限",
            "{ticket_id}\u201c{subject}\u201d：{timer}应于 {due} 完成（{level}）。",
        ),
        "ko": (
            "{ticket_id} SLA 위반",
            "{ticket_id} \u201c{subject}\u201d: {timer} 기한 {due}이(가) 지났습니다 ({level}).",
        ),
    },
}
TIMERS: dict[str, dict[str, str]] = {
    "first_response": {"en": "first response", "nl": "eerste reactie", "zh": "首次回复", "ko": "첫 응답"},
    "resolution": {"en": "resolution", "nl": "oplossing", "zh": "解决", "ko": "해결"},
}


def render(kind: str, language: str, **values: str) -> tuple[str, str]:
    texts = MESSAGES[kind].get(language) or MESSAGES[kind][DEFAULT_LANGUAGE]
    timer = TIMERS[values["timer"]].get(language, TIMERS[values["timer"]][DEFAULT_LANGUAGE])
    filled = {**values, "timer": timer}
    return texts[0].format(**filled), texts[1].format(**filled)


def template_name(prefix: str, kind: str, language: str) -> str:
    return f"{prefix}-sla-{kind.replace('_', '-')}-{language}"
