"""What the bot says, in the customer's language, and the words it listens for."""

import re

from contactcenter.languages import DEFAULT_LANGUAGE

SAY: dict[str, dict[str, str]] = {
    "en": {
        "welcome": "Hello! Ask me anything, or type 'agent' to chat with a colleague.",
        "helpful": "Did this answer your question? (yes / no)",
        "thanks_yes": "Glad I could help. Anything else?",
        "thanks_no": "Sorry about that. Ask it another way, or type 'agent' for a colleague.",
        "handover": "I'll connect you with a colleague. One moment, please.",
        "ask_email": "I can open a ticket for you. What is your e-mail address?",
        "bad_email": "That does not look like an e-mail address. Please try again.",
        "ticket": "Your ticket {ticket_id} is open; we will get back to you by e-mail.",
        "ask_phone": "On which number shall we call you back?",
        "bad_phone": "That number cannot be called. Please give it with the country code, e.g. +31 6 12345678.",
        "callback": "We will call you back on {number}.",
        "callback_merged": "You already have a callback coming on {number}.",
        "no_callback": "We cannot call that number. Type 'agent' for a colleague.",
        "status": "Your tickets: {tickets}.",
        "status_none": "You have no tickets with us.",
        "status_sign_in": "Sign in to the help center and start the chat there to hear about your tickets.",
        "turn_limit": "This chat has reached its length limit. Please start a new chat later, or call us.",
        "ticket_limit": "You have opened several tickets in the last hour; we will look at those first. Please try again later, or type 'agent' for a colleague.",
    },
    "nl": {
        "welcome": "Hallo! Stel gerust uw vraag, of typ 'medewerker' om met een collega te chatten.",
        "helpful": "Heeft dit uw vraag beantwoord? (ja / nee)",
        "thanks_yes": "Fijn dat ik u kon helpen. Kan ik nog iets voor u doen?",
        "thanks_no": "Excuses. Stel uw vraag anders, of typ 'medewerker' voor een collega.",
        "handover": "Ik verbind u met een collega. Een ogenblik geduld.",
        "ask_email": "Ik kan een ticket voor u aanmaken. Wat is uw e-mailadres?",
        "bad_email": "Dat lijkt geen e-mailadres. Probeer het opnieuw.",
        "ticket": "Uw ticket {ticket_id} is aangemaakt; wij mailen u zodra wij meer weten.",
        "ask_phone": "Op welk nummer mogen wij u terugbellen?",
        "bad_phone": "Dat nummer kunnen wij niet bellen. Geef het met landnummer, bijvoorbeeld +31 6 12345678.",
        "callback": "Wij bellen u terug op {number}.",
        "callback_merged": "U wordt al teruggebeld op {number}.",
        "no_callback": "Dat nummer kunnen wij niet bellen. Typ 'medewerker' voor een collega.",
        "status": "Uw tickets: {tickets}.",
        "status_none": "U heeft geen tickets bij ons.",
        "status_sign_in": "Log in op het helpcentrum en start daar de chat om over uw tickets te horen.",
        "turn_limit": "Dit gesprek heeft de maximale lengte bereikt. Begin later een nieuwe chat, of bel ons.",
        "ticket_limit": "U hebt het afgelopen uur al meerdere tickets aangemaakt; die pakken wij eerst op. Probeer het later opnieuw, of typ 'medewerker' voor een collega.",
    },
    "zh": {
        "welcome": "您好！请提出您的问题，或输入“人工”与同事交谈。",
        "helpful": "这是否解答了您的问题？（是 / 否）",
        "thanks_yes": "很高兴能帮到您。还有其他问题吗？",
        "thanks_no": "抱歉。请换一种方式提问，或输入“人工”转接同事。",
        "handover": "我将为您转接同事，请稍候。",
        "ask_email": "我可以为您创建工单。请问您的电子邮件地址是？",
        "bad_email": "这似乎不是有效的电子邮件地址，请重试。",
        "ticket": "您的工单 {ticket_id} 已创建，我们会通过电子邮件回复您。",
        "ask_phone": "我们应该拨打哪个号码回电？",
        "bad_phone": "无法拨打该号码。请带国家代码输入，例如 +86 138 1234 5678。",
        "callback": "我们将回拨 {number}。",
        "callback_merged": "我们已安排回拨 {number}。",
        "no_callback": "无法拨打该号码。输入“人工”转接同事。",
        "status": "您的工单：{tickets}。",
        "status_none": "您在我们这里没有工单。",
        "status_sign_in": "请登录帮助中心并在那里开始聊天，以了解您的工单。",
        "turn_limit": "本次对话已达到长度上限。请稍后开始新的对话，或致电我们。",
        "ticket_limit": "您在过去一小时内已创建多个工单，我们会先处理这些工单。请稍后再试，或输入“人工”转接同事。",
    },
    "ko": {
        "welcome": "안녕하세요! 무엇이든 물어보세요. 상담원과 대화하려면 '상담원'을 입력해 주세요.",
        "helpful": "질문에 대한 답이 되었나요? (예 / 아니요)",
        "thanks_yes": "도움이 되어 기쁩니다. 더 궁금한 점이 있으신가요?",
        "thanks_no": "죄송합니다. 다르게 질문해 주시거나 '상담원'을 입력해 주세요.",
        "handover": "상담원을 연결해 드리겠습니다. 잠시만 기다려 주세요.",
        "ask_email": "문의를 접수해 드릴 수 있습니다. 이메일 주소를 알려 주세요.",
        "bad_email": "올바른 이메일 주소가 아닌 것 같습니다. 다시 입력해 주세요.",
        "ticket": "문의 {ticket_id}이(가) 접수되었습니다. 이메일로 답변드리겠습니다.",
        "ask_phone": "어느 번호로 다시 전화드릴까요?",
        "bad_phone": "전화할 수 없는 번호입니다. 국가 번호와 함께 입력해 주세요. 예: +82 10 1234 5678",
        "callback": "{number}(으)로 다시 전화드리겠습니다.",
        "callback_merged": "{number}(으)로 이미 회신 전화가 예약되어 있습니다.",
        "no_callback": "해당 번호로 전화할 수 없습니다. '상담원'을 입력해 주세요.",
        "status": "고객님의 문의: {tickets}.",
        "status_none": "접수된 문의가 없습니다.",
        "status_sign_in": "고객센터에 로그인한 후 그곳에서 채팅을 시작하시면 문의 현황을 알려 드립니다.",
        "turn_limit": "이 채팅이 최대 길이에 도달했습니다. 나중에 새 채팅을 시작하시거나 전화해 주세요.",
        "ticket_limit": "지난 한 시간 동안 여러 건의 문의를 접수하셨습니다. 먼저 처리해 드리겠습니다. 나중에 다시 시도하시거나 '상담원'을 입력해 주세요.",
    },
}

# Words that carry an intent, in any of the four languages (matched on the lower-cased text).
GREETING = ("hello", "hi", "hallo", "hoi", "goedemiddag", "goedemorgen", "你好", "您好", "안녕하세요", "안녕")
AGENT = (
    "agent",
    "person",
    "human",
    "someone",
    "medewerker",
    "mens",
    "iemand",
    "collega",
    "人工",
    "客服",
    "转人工",
    "상담원",
    "사람",
)
STATUS = ("status", "my ticket", "my tickets", "mijn ticket", "mijn melding", "进度", "状态", "상태", "진행")
TICKET = ("ticket", "complaint", "complain", "klacht", "melding", "投诉", "工单", "불만", "접수")
CALLBACK = (
    "call me",
    "call back",
    "callback",
    "bel me",
    "bel mij",
    "terugbellen",
    "teruggebeld",
    "terug bellen",
    "回电",
    "给我打电话",
    "전화해",
    "다시 전화",
    "콜백",
)
YES = ("yes", "yep", "thanks", "ja", "jazeker", "dank", "是", "对", "谢谢", "예", "네", "감사", "👍")
NO = ("no", "nope", "nee", "niet", "否", "不", "没有", "아니", "👎")


def say(language: str, key: str, **values: str) -> str:
    return (SAY.get(language) or SAY[DEFAULT_LANGUAGE])[key].format(**values)


def short(text: str, *, words: int) -> bool:
    """A reply of at most ``words`` words (and a few characters of Chinese, which has no spaces):
    "ja, bedankt" is feedback, "不，路由器还是不能上网" is a new question."""
    return len(text.split()) <= words and len(re.findall(r"[\u3400-\u9fff]", text)) <= 6


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` says one of ``words``: whole words for Latin ones ("no" is not in
    "know"), substrings for phrases and for Chinese and Korean (no spaces between words)."""
    lowered = text.lower()
    tokens = set(re.findall(r"[a-z]+", lowered))
    return any(w in tokens if w.isascii() and w.isalpha() else w in lowered for w in words)
