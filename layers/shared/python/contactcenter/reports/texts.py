"""The words of an exported report in the requester's language: titles, column headings and
the sheet names (the data stays as it is)."""

from contactcenter.languages import pick

# column -> (en, nl, zh, ko)
COLUMNS: dict[str, tuple[str, str, str, str]] = {
    "period": ("Period", "Periode", "时段", "기간"),
    "voice": ("Voice", "Spraak", "语音", "음성"),
    "chat": ("Chat", "Chat", "聊天", "채팅"),
    "task": ("Task", "Taak", "任务", "작업"),
    "email": ("E-mail", "E-mail", "电子邮件", "이메일"),
    "contacts": ("Contacts", "Contacten", "联系总数", "연락 수"),
    "queue": ("Queue", "Wachtrij", "队列", "대기열"),
    "offered": ("Offered", "Aangeboden", "进线", "인입"),
    "answered": ("Answered", "Beantwoord", "已接听", "응답"),
    "answered_in_time": ("Answered in time", "Op tijd beantwoord", "及时接听", "기준 내 응답"),
    "abandoned": ("Abandoned", "Opgehangen", "放弃", "포기"),
    "service_level_pct": ("Service level %", "Serviceniveau %", "服务水平 %", "서비스 레벨 %"),
    "abandoned_pct": ("Abandoned %", "Opgehangen %", "放弃率 %", "포기율 %"),
    "asa_seconds": (
        "Avg. speed of answer (s)",
        "Gem. wachttijd (s)",
        "平均应答速度 (秒)",
        "평균 응답 속도 (초)",
    ),
    "agent": ("Agent", "Medewerker", "坐席", "상담원"),
    "handled": ("Handled", "Afgehandeld", "处理量", "처리"),
    "aht_seconds": (
        "Avg. handle time (s)",
        "Gem. afhandeltijd (s)",
        "平均处理时长 (秒)",
        "평균 처리 시간 (초)",
    ),
    "acw_seconds": (
        "Avg. after-contact work (s)",
        "Gem. nawerk (s)",
        "平均话后处理 (秒)",
        "평균 후처리 (초)",
    ),
    "flow": ("Flow", "Flow", "流程", "흐름"),
    "block": ("Block", "Blok", "节点", "블록"),
    "block_type": ("Block type", "Bloktype", "节点类型", "블록 유형"),
    "reached": ("Reached", "Bereikt", "到达", "도달"),
    "left_by_branch": ("Left by a branch", "Verlaten via een tak", "经分支离开", "분기로 이동"),
    "dropped": ("Hung up", "Opgehangen", "挂断", "끊음"),
    "dropped_pct": ("Hung up %", "Opgehangen %", "挂断率 %", "끊음 %"),
    "value": ("Value", "Waarde", "取值", "값"),
    "tickets": ("Tickets", "Tickets", "工单", "티켓"),
    "share_pct": ("Share %", "Aandeel %", "占比 %", "비율 %"),
    "created": ("Created", "Aangemaakt", "新建", "생성"),
    "resolved": ("Resolved", "Opgelost", "已解决", "해결"),
    "department": ("Department", "Afdeling", "部门", "부서"),
    "dispatched": ("Dispatched", "Doorgezet", "已派发", "배정"),
    "hours_to_resolve": ("Hours to resolve", "Uren tot oplossing", "解决用时 (小时)", "해결 시간 (시간)"),
    "score": ("Score", "Score", "评分", "점수"),
    "priority": ("Priority", "Prioriteit", "优先级", "우선순위"),
    "breached": ("Breached", "Overschreden", "已违约", "위반"),
    "attainment_pct": ("Within SLA %", "Binnen SLA %", "达标率 %", "SLA 준수율 %"),
    "channel": ("Channel", "Kanaal", "渠道", "채널"),
    "first_contact": ("On first contact", "Bij eerste contact", "首次解决", "첫 연락 해결"),
    "contained": ("Contained", "Zelf afgehandeld", "自助解决", "셀프 해결"),
    "to_queue": ("To a queue", "Naar wachtrij", "转入队列", "대기열 연결"),
    "ended_in_flow": ("Ended in the flow", "Geëindigd in de flow", "流程中结束", "흐름에서 종료"),
    "containment_pct": ("Containment %", "Zelfbediening %", "自助解决率 %", "셀프 해결률 %"),
    "age": ("Age", "Leeftijd", "时长", "경과"),
    "oldest_hours": ("Oldest (hours)", "Oudste (uren)", "最久 (小时)", "최장 (시간)"),
    "requested": ("Requested", "Aangevraagd", "已申请", "요청"),
    "attempts": ("Attempts", "Pogingen", "外呼次数", "시도"),
    "connected": ("Reached", "Bereikt", "已接通", "연결"),
    "not_reached": ("Not reached", "Niet bereikt", "未接通", "미연결"),
    "completed": ("Completed", "Voltooid", "已完成", "완료"),
    "exhausted": ("Attempts used up", "Pogingen op", "次数用尽", "시도 소진"),
    "ended_otherwise": ("Ended otherwise", "Anders beëindigd", "其他结束", "기타 종료"),
    "connect_rate_pct": ("Reached %", "Bereikt %", "接通率 %", "연결률 %"),
    "article": ("Article", "Artikel", "文章", "문서"),
    "title": ("Title", "Titel", "标题", "제목"),
    "answers": ("Answers", "Antwoorden", "回答次数", "답변"),
    "helpful": ("Helpful", "Nuttig", "有帮助", "도움됨"),
    "unhelpful": ("Not helpful", "Niet nuttig", "无帮助", "도움 안 됨"),
    "helpful_pct": ("Helpful %", "Nuttig %", "有帮助率 %", "도움됨 %"),
    "handovers": ("Hand-overs", "Overdrachten", "转人工", "상담원 연결"),
    "keyword": ("Keyword", "Trefwoord", "关键词", "키워드"),
    "never_dispatched": ("Never dispatched", "Nooit doorgezet", "未派发", "미배정"),
    "dispatched_late": ("Dispatched late", "Te laat doorgezet", "延迟派发", "지연 배정"),
    "ticket_id": ("Ticket", "Ticket", "工单号", "티켓 번호"),
    "created_at": ("Created at", "Aangemaakt op", "创建时间", "생성 시각"),
    "ticket_type": ("Type", "Soort", "类型", "유형"),
    "category": ("Category", "Categorie", "类别", "분류"),
    "product": ("Product", "Product", "产品", "제품"),
    "status": ("Status", "Status", "状态", "상태"),
    "dispatched_at": ("Dispatched at", "Doorgezet op", "派发时间", "배정 시각"),
    "resolved_at": ("Resolved at", "Opgelost op", "解决时间", "해결 시각"),
    "sla_breached": ("SLA breached", "SLA overschreden", "SLA 违约", "SLA 위반"),
    "csat": ("CSAT", "Tevredenheid", "满意度", "만족도"),
    "fcr_pct": (
        "First-contact resolution %",
        "Oplossing bij eerste contact %",
        "首次解决率 %",
        "첫 연락 해결률 %",
    ),
}

TITLES: dict[str, tuple[str, str, str, str]] = {
    "contact_volume": ("Contact volume", "Contactvolume", "联系量", "연락량"),
    "service_level": (
        "Service level, abandonment and speed of answer",
        "Serviceniveau, ophangers en wachttijd",
        "服务水平、放弃率与应答速度",
        "서비스 레벨, 포기율 및 응답 속도",
    ),
    "agent_handling": (
        "Agent handling time",
        "Afhandeltijd per medewerker",
        "坐席处理时长",
        "상담원 처리 시간",
    ),
    "ivr_nodes": ("IVR node statistics", "IVR-knooppuntstatistieken", "IVR 节点统计", "IVR 노드 통계"),
    "tickets_by_dimension": ("Tickets by dimension", "Tickets per dimensie", "工单分布", "차원별 티켓"),
    "tickets_created_resolved": (
        "Tickets created and resolved",
        "Tickets aangemaakt en opgelost",
        "新建与已解决工单",
        "생성 및 해결된 티켓",
    ),
    "ticket_backlog": (
        "Ticket backlog and age",
        "Openstaande tickets en hun leeftijd",
        "积压工单及时长",
        "미해결 티켓 및 경과",
    ),
    "containment": ("Self-service containment", "Zelfbediening", "自助解决率", "셀프서비스 해결"),
    "dispatches": ("Dispatches to departments", "Doorzettingen naar afdelingen", "部门派单", "부서 배정"),
    "csat": ("Customer satisfaction", "Klanttevredenheid", "客户满意度", "고객 만족도"),
    "sla_attainment": (
        "SLA attainment and breaches",
        "SLA-naleving en overschrijdingen",
        "SLA 达成与违约",
        "SLA 준수 및 위반",
    ),
    "first_contact_resolution": (
        "First-contact resolution",
        "Oplossing bij eerste contact",
        "首次解决率",
        "첫 연락 해결",
    ),
    "callbacks": (
        "Callbacks and their outcomes",
        "Terugbelverzoeken en resultaten",
        "回呼及结果",
        "콜백 및 결과",
    ),
    "knowledge_articles": (
        "Knowledge articles: answers, thumbs and hand-overs",
        "Kennisartikelen: antwoorden, beoordelingen en overdrachten",
        "知识文章 — 回答、评价与转人工",
        "지식 문서: 답변, 평가 및 상담원 연결",
    ),
    "keyword_analysis": ("Keyword analysis", "Trefwoordanalyse", "关键词分析", "키워드 분석"),
    "ticket_details": ("Tickets (detail)", "Tickets (detail)", "工单明细", "티켓 상세"),
    "dispatch_details": ("Dispatches (detail)", "Doorzettingen (detail)", "派单明细", "배정 상세"),
}

SHEETS = {"data": ("Data", "Gegevens", "数据", "데이터"), "about": ("About", "Over", "说明", "정보")}
LABELS = {
    "period": ("Period", "Periode", "时段", "기간"),
    "definition": ("Definition", "Definitie", "定义", "정의"),
    "filters": ("Filters", "Filters", "筛选", "필터"),
}


def column(name: str, language: str) -> str:
    return pick(COLUMNS[name], language) if name in COLUMNS else name


def title(report: str, language: str) -> str:
    return pick(TITLES[report], language)


def sheet(name: str, language: str) -> str:
    return pick(SHEETS[name], language)


def label(name: str, language: str) -> str:
    return pick(LABELS[name], language)
