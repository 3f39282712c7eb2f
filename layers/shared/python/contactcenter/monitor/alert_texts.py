"""What an alert says, in the language its rule names (en, nl, zh, ko)."""

from contactcenter.languages import pick

# metric -> (en, nl, zh, ko)
FIGURES: dict[str, tuple[str, str, str, str]] = {
    "oldest_wait_seconds": (
        "the longest wait (s)",
        "de langste wachttijd (s)",
        "最长等待时间（秒）",
        "최장 대기 시간(초)",
    ),
    "contacts_waiting": ("contacts waiting", "wachtende contacten", "排队联系数", "대기 중인 연락"),
    "agents_available": ("agents available", "beschikbare medewerkers", "空闲坐席数", "대기 중인 상담원"),
    "service_level_today_pct": (
        "today's service level (%)",
        "het serviceniveau van vandaag (%)",
        "今日服务水平（%）",
        "오늘 서비스 레벨(%)",
    ),
    "abandoned_today": (
        "contacts abandoned today",
        "opgehangen contacten vandaag",
        "今日放弃数",
        "오늘 포기한 연락",
    ),
}
RAISED = (
    ("Queue {queue}: {figure} is {value}", "Threshold {threshold} reached. It clears at {clear}."),
    ("Wachtrij {queue}: {figure} is {value}", "Drempel {threshold} bereikt. Het alarm vervalt bij {clear}."),
    ("队列 {queue}：{figure}为 {value}", "已达到阈值 {threshold}。恢复到 {clear} 时解除。"),
    ("대기열 {queue}: {figure} {value}", "임계값 {threshold}에 도달했습니다. {clear}에서 해제됩니다."),
)
CLEARED = (
    ("Queue {queue} recovered: {figure} is {value}", "Back past {clear}: the alert is cleared."),
    ("Wachtrij {queue} hersteld: {figure} is {value}", "Weer voorbij {clear}: het alarm is opgeheven."),
    ("队列 {queue} 已恢复：{figure}为 {value}", "已回到 {clear}：警报解除。"),
    ("대기열 {queue} 회복: {figure} {value}", "{clear}을(를) 회복하여 알림이 해제되었습니다."),
)


def _number(value: float) -> str:
    return f"{value:g}"


def render(
    raised: bool, language: str, *, queue: str, metric: str, value: float, threshold: float, clear: float
) -> tuple[str, str]:
    """(title, body) of an alert raised or cleared."""
    title, body = pick(RAISED if raised else CLEARED, language)
    values = {
        "queue": queue,
        "figure": pick(FIGURES[metric], language),
        "value": _number(value),
        "threshold": _number(threshold),
        "clear": _number(clear),
    }
    return title.format(**values), body.format(**values)
