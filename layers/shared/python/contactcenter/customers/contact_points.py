"""Phone numbers and e-mail addresses, validated and normalised the one way lookups use.

phonenumbers and email_validator are imported when first needed: together they cost ~55 ms
of cold start that most requests (reads) never need.
"""


def e164(raw: str) -> str:
    """A phone number in E.164 (``+31201234567``); international form is required."""
    import phonenumbers

    text = raw.strip()
    if not text.startswith("+"):
        raise ValueError("use international E.164 form, e.g. +31201234567")
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"not a phone number: {exc}") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid phone number for its country")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(raw: str) -> str:
    """An e-mail address as given, validated (syntax only: no DNS lookup at request time)."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(str(exc)) from None


def email_key(address: str) -> str:
    """E-mail lookups ignore case."""
    return f"email#{address.lower()}"


def phone_key(number: str) -> str:
    return f"phone#{number}"
