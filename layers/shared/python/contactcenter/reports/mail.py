"""A scheduled report's e-mail: a short note in the schedule's language and the report as an
attachment (the workbook, or CSV), sent raw through SES, since only a raw message carries an
attachment. Nothing of it is logged: it names the recipients.
"""

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from contactcenter import clients
from contactcenter.languages import pick
from contactcenter.reports import export, texts
from contactcenter.reports.service import ReportRun

_CONTENT_TYPES = {"xlsx": export.XLSX_CONTENT_TYPE, "csv": "text/csv"}
# (en, nl, zh, ko): the note above the attachment; {rows} is the number of rows.
_NOTE = (
    "The attached report covers {start} to {end} ({rows} rows). It was sent by a saved schedule.",
    "Het bijgevoegde rapport beslaat {start} tot {end} ({rows} rijen). Het is verstuurd door een "
    "opgeslagen planning.",
    "附件报表涵盖 {start} 至 {end}（{rows} 行），由已保存的计划发送。",
    "첨부된 보고서는 {start}부터 {end}까지({rows}행)를 다룹니다. 저장된 일정에 따라 발송되었습니다.",
)


@dataclass(frozen=True)
class Letter:
    """What the schedule says about the e-mail: who sends it, to whom, in which language and form."""

    sender: str
    recipients: tuple[str, ...]
    language: str
    output: str  # xlsx | csv
    period_label: tuple[str, str]  # the period's first and last day, in the schedule's zone


def attachment(run: ReportRun, output: str, language: str) -> bytes:
    if output == "xlsx":
        return export.to_xlsx(run, language)
    return export.to_csv(run, language).encode()


def message(run: ReportRun, letter: Letter) -> EmailMessage:
    start, end = letter.period_label
    title = texts.title(run.report.name, letter.language)
    mail = EmailMessage()
    mail["Subject"] = f"{title}: {start} \u2013 {end}"
    mail["From"] = letter.sender
    mail["To"] = ", ".join(letter.recipients)
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain=letter.sender.rpartition("@")[2])
    note = pick(_NOTE, letter.language).format(start=start, end=end, rows=len(run.result.rows))
    mail.set_content(f"{title}\n\n{note}\n")
    maintype, _, subtype = _CONTENT_TYPES[letter.output].partition("/")
    mail.add_attachment(
        attachment(run, letter.output, letter.language),
        maintype=maintype,
        subtype=subtype,
        filename=f"{run.report.name}_{start}_{end}.{letter.output}",
    )
    return mail


def send(mail: EmailMessage, letter: Letter) -> str:
    """SES's message id. The recipients are the envelope's, as the To header names them."""
    response = clients.client("ses").send_raw_email(
        Source=letter.sender,
        Destinations=list(letter.recipients),
        RawMessage={"Data": mail.as_bytes()},
    )
    return str(response["MessageId"])
