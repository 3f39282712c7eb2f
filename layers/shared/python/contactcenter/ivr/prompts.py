"""What the IVR says, in the caller's language. The flow plays these from contact attributes
(set from the identify step), so one flow file serves every language."""

from contactcenter.languages import DEFAULT_LANGUAGE

PROMPTS: dict[str, dict[str, str]] = {
    "en": {
        "welcome": "Welcome to the help desk.",
        "menu": "For a new issue, press 1. For an existing issue, press 2.",
        "account": "Please enter your account number, followed by the hash key. If you don't have your account number, press 0 and then hash.",
        "account_retry": "We could not find that account number. Please try again.",
        "pin": "Please enter your PIN, followed by the hash key. If you don't have your PIN, press 0 and then hash.",
        "pin_retry": "That PIN was not correct. Please try again.",
        "cannot_verify": "We cannot verify your account information. Please hold while we connect you to a help-desk agent.",
        "transfer": "Thank you. Please hold while we connect you to an agent.",
        "closed": "The help desk is closed. We are open Monday to Friday from 8 to 8, and Saturday from 10 to 4. Please call again then.",
        "error": "We are sorry, something went wrong. Please hold for an agent.",
        "queue_wait": "All our agents are busy. Please stay on the line; you keep your place in the queue.",
        "callback_offer": "To be called back when it is your turn, press 1. To keep waiting, press 2.",
        "callback_confirm": "Thank you. We will call you back on the number you are calling from. Goodbye.",
        "callback_exists": "You already have a callback scheduled; we will call you. Goodbye.",
        "callback_unavailable": "We cannot offer you a callback right now. Please stay on the line.",
    },
    "nl": {
        "welcome": "Welkom bij de helpdesk.",
        "menu": "Voor een nieuwe vraag, toets 1. Voor een bestaande vraag, toets 2.",
        "account": "Toets uw klantnummer, gevolgd door een hekje. Heeft u uw klantnummer niet, toets dan 0 en een hekje.",
        "account_retry": "Wij konden dat klantnummer niet vinden. Probeer het opnieuw.",
        "pin": "Toets uw pincode, gevolgd door een hekje. Heeft u uw pincode niet, toets dan 0 en een hekje.",
        "pin_retry": "Die pincode klopt niet. Probeer het opnieuw.",
        "cannot_verify": "Wij kunnen uw gegevens niet controleren. Een ogenblik geduld, wij verbinden u met een medewerker.",
        "transfer": "Dank u. Een ogenblik geduld, wij verbinden u met een medewerker.",
        "closed": "De helpdesk is gesloten. Wij zijn open van maandag tot en met vrijdag van 8 tot 8, en op zaterdag van 10 tot 4.",
        "error": "Excuses, er ging iets mis. Een ogenblik geduld voor een medewerker.",
        "queue_wait": "Al onze medewerkers zijn in gesprek. Blijft u aan de lijn; u houdt uw plaats in de wachtrij.",
        "callback_offer": "Wilt u teruggebeld worden als u aan de beurt bent, toets 1. Om te blijven wachten, toets 2.",
        "callback_confirm": "Dank u. Wij bellen u terug op het nummer waarmee u belt. Tot ziens.",
        "callback_exists": "Er staat al een terugbelverzoek voor u klaar; wij bellen u. Tot ziens.",
        "callback_unavailable": "Wij kunnen u nu niet terugbellen. Blijft u aan de lijn.",
    },
    "zh": {
        "welcome": "欢迎致电客服中心。",
        "menu": "新问题请按1。已有问题请按2。",
        "account": "请输入您的账号，并以井号键结束。如果您没有账号，请按0再按井号键。",
        "account_retry": "未找到该账号，请重试。",
        "pin": "请输入您的密码，并以井号键结束。如果您没有密码，请按0再按井号键。",
        "pin_retry": "密码不正确，请重试。",
        "cannot_verify": "我们无法验证您的账户信息。请稍候，我们正在为您转接客服人员。",
        "transfer": "谢谢。请稍候，我们正在为您转接客服人员。",
        "closed": "客服中心现已下班。我们的服务时间为周一至周五8点至20点，周六10点至16点。",
        "error": "抱歉，系统出现问题。请稍候，我们将为您转接客服人员。",
        "queue_wait": "所有客服人员都在忙。请不要挂机，您的排队位置将被保留。",
        "callback_offer": "如需在轮到您时回电，请按1。继续等待请按2。",
        "callback_confirm": "谢谢。我们将回拨您现在使用的号码。再见。",
        "callback_exists": "您已预约回电，我们会给您回电。再见。",
        "callback_unavailable": "目前无法为您安排回电，请不要挂机。",
    },
    "ko": {
        "welcome": "고객센터에 오신 것을 환영합니다.",
        "menu": "새로운 문의는 1번, 기존 문의는 2번을 눌러 주세요.",
        "account": "계좌 번호를 입력하신 후 우물 정자를 눌러 주세요. 계좌 번호가 없으시면 0번과 우물 정자를 눌러 주세요.",
        "account_retry": "해당 계좌 번호를 찾을 수 없습니다. 다시 입력해 주세요.",
        "pin": "비밀번호를 입력하신 후 우물 정자를 눌러 주세요. 비밀번호가 없으시면 0번과 우물 정자를 눌러 주세요.",
        "pin_retry": "비밀번호가 올바르지 않습니다. 다시 입력해 주세요.",
        "cannot_verify": "계정 정보를 확인할 수 없습니다. 상담원을 연결해 드릴 테니 잠시만 기다려 주세요.",
        "transfer": "감사합니다. 상담원을 연결해 드릴 테니 잠시만 기다려 주세요.",
        "closed": "지금은 고객센터 운영 시간이 아닙니다. 운영 시간은 월요일부터 금요일 8시부터 20시, 토요일 10시부터 16시입니다.",
        "error": "죄송합니다. 문제가 발생했습니다. 상담원을 연결해 드리겠습니다.",
        "queue_wait": "모든 상담원이 통화 중입니다. 끊지 말고 기다려 주시면 대기 순서가 유지됩니다.",
        "callback_offer": "차례가 되었을 때 전화를 받으시려면 1번, 계속 기다리시려면 2번을 눌러 주세요.",
        "callback_confirm": "감사합니다. 지금 거신 번호로 다시 전화드리겠습니다. 안녕히 계세요.",
        "callback_exists": "이미 예약된 회신 전화가 있습니다. 곧 전화드리겠습니다. 안녕히 계세요.",
        "callback_unavailable": "지금은 회신 전화를 예약할 수 없습니다. 끊지 말고 기다려 주세요.",
    },
}


def prompt_attributes(language: str) -> dict[str, str]:
    """The prompts as contact attributes (``p_menu``, ...), in ``language`` or the default."""
    prompts = PROMPTS.get(language, PROMPTS[DEFAULT_LANGUAGE])
    return {f"p_{name}": text for name, text in prompts.items()}
