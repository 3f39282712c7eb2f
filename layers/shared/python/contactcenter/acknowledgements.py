"""The acknowledgement a customer gets when their complaint is logged: by e-mail (SES) when
they have an address and a sender is configured, else by SMS (SNS), in their language.

Nothing of the message is logged: it carries the customer's name and complaint.
"""

from dataclasses import dataclass
from typing import Literal

from contactcenter import clients
from contactcenter.languages import DEFAULT_LANGUAGE

Channel = Literal["email", "sms", "none"]


@dataclass(frozen=True)
class Template:
    subject: str
    body: str
    sms: str


TEMPLATES: dict[str, Template] = {
    "en": Template(
        subject="We received your complaint {ticket_id}",
        body=(
            "Dear {name},\n\nWe received your complaint \u201c{subject}\u201d ({ticket_id}). The responsible "
            "department is looking into it, and when it is resolved we will call you to ask whether "
            "you are satisfied with the result.\n\nKind regards,\nCustomer service"
        ),
        sms="We received your complaint {ticket_id}. We will call you back once it is resolved.",
    ),
    "nl": Template(
        subject="Wij hebben uw klacht {ticket_id} ontvangen",
        body=(
            "Beste {name},\n\nWij hebben uw klacht \u201c{subject}\u201d ({ticket_id}) ontvangen. De "
            "verantwoordelijke afdeling zoekt het uit, en daarna bellen wij u om te vragen of u "
            "tevreden bent met de oplossing.\n\nMet vriendelijke groet,\nKlantenservice"
        ),
        sms="Wij hebben uw klacht {ticket_id} ontvangen. Zodra die is opgelost, bellen wij u terug.",
    ),
    "zh": Template(
        subject="我们已收到您的投诉 {ticket_id}",
        body=(
            "尊敬的{name}：\n\n我们已收到您的投诉\u201c{subject}\u201d（{ticket_id}）。相关部门正在处理，"
            "处理完毕后我们会致电询问您对结果是否满意。\n\n客户服务部"
        ),
        sms="我们已收到您的投诉{ticket_id}。处理完毕后我们会给您回电。",
    ),
    "ko": Template(
        subject="불만 사항 {ticket_id}이(가) 접수되었습니다",
        body=(
            "{name} 고객님,\n\n불만 사항 \u201c{subject}\u201d({ticket_id})이(가) 접수되었습니다. "
            "담당 부서에서 처리한 후, 결과에 만족하시는지 전화로 여쭤보겠습니다.\n\n고객센터 드림"
        ),
        sms="불만 사항 {ticket_id}이(가) 접수되었습니다. 처리가 완료되면 다시 전화드리겠습니다.",
    ),
}


@dataclass(frozen=True)
class Recipient:
    name: str
    language: str
    email: str | None
    phone: str | None


def send_acknowledgement(recipient: Recipient, ticket_id: str, subject: str, sender: str | None) -> Channel:
    """Send it; the channel used (``none`` when the customer cannot be reached in writing)."""
    template = TEMPLATES.get(recipient.language, TEMPLATES[DEFAULT_LANGUAGE])
    values = {"name": recipient.name, "ticket_id": ticket_id, "subject": subject}
    if recipient.email and sender:
        clients.client("ses").send_email(
            Source=sender,
            Destination={"ToAddresses": [recipient.email]},
            Message={
                "Subject": {"Data": template.subject.format(**values), "Charset": "UTF-8"},
                "Body": {"Text": {"Data": template.body.format(**values), "Charset": "UTF-8"}},
            },
        )
        return "email"
    if recipient.phone:
        clients.client("sns").publish(
            PhoneNumber=recipient.phone,
            Message=template.sms.format(**values),
            MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}},
        )
        return "sms"
    return "none"
