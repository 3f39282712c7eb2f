"""The escalation e-mail templates (SES), one per kind and language: the same texts the
escalation function renders (contactcenter/sla/messages.py), filled in by SES from the
values the function sends (``title`` and ``body`` in the recipient's language)."""

from contactcenter.sla.messages import MESSAGES, template_name


def escalation_templates(prefix: str) -> list[dict[str, str]]:
    return [
        {
            "TemplateName": template_name(prefix, kind, language),
            "SubjectPart": "{{title}}",
            "TextPart": "{{body}}\n\n{{ticket_id}}",
            "HtmlPart": "<p>{{body}}</p><p>{{ticket_id}}</p>",
        }
        for kind, languages in MESSAGES.items()
        for language in languages
    ]
