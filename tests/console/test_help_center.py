"""Customers' journeys through the help center, in headless Chromium on a phone-sized screen."""

import re
import uuid

import requests
from playwright.sync_api import Browser, expect

from tests.console.conftest import HELP_CENTER_JS_BUDGET, Console, open_page

EMMA = "45678901"  # Emma Smith, English (localcloud/seed.py)
JAN = "12345678"  # Jan de Vries, Dutch


def _no_sideways_scroll(screens: object) -> None:
    page = screens.page  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "wider than the screen"


def test_a_customer_opens_a_ticket_on_a_phone_and_follows_it(console: Console, browser: Browser) -> None:
    screens = open_page(browser, "ticket")
    page = screens.page
    session = console.session
    customer_id = console.customers[EMMA]
    subject = f"My router blinks red {uuid.uuid4().hex[:6]}"

    page.goto(console.url)
    expect(page).to_have_url(re.compile(r"#/sign-in$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    screens.check("sign-in")

    page.get_by_role("button", name="Sign in as Emma Smith").click()
    expect(page).to_have_url(re.compile(r"#/help$"))
    expect(page.get_by_role("heading", level=1)).to_be_focused()  # focus moves to the new screen
    screens.check("help")

    page.get_by_role("navigation").get_by_role("link", name="New ticket").click()
    page.get_by_label("A complaint").check()
    page.get_by_label("Subject").fill(subject)
    page.get_by_label("Describe it").fill("Since this morning the light is red and there is no internet.")
    _no_sideways_scroll(screens)
    screens.check("new-ticket")
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_text(re.compile(r"Ticket T-\d+ was opened"))).to_be_visible()
    ticket_id = re.search(r"#/tickets/(T-\d+)", page.url)[1]  # type: ignore[index]
    agent = session.token("agent", username="ana")
    ticket = session.http("GET", f"/tickets/{ticket_id}", token=agent).json()
    assert (ticket["subject"], ticket["type"], ticket["customer_id"], ticket["channel"]) == (
        subject,
        "complaint",
        customer_id,
        "web",
    )
    screens.check("ticket-opened")

    # A photo of the router, attached from the phone: the bytes go to the bucket (the presigned
    # form, cross-origin), and the agent downloads exactly them
    photo = b"\x89PNG\r\n\x1a\n" + uuid.uuid4().bytes
    page.get_by_label("Attach a file").set_input_files(
        files=[{"name": "router.png", "mimeType": "image/png", "buffer": photo}]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("router.png was attached.")).to_be_visible()
    expect(page.get_by_role("link", name="router.png")).to_be_visible()
    (stored,) = session.http("GET", f"/tickets/{ticket_id}/attachments", token=agent).json()["items"]
    assert requests.get(stored["download_url"], timeout=30).content == photo
    page.get_by_label("Attach a file").set_input_files(
        files=[{"name": "run.exe", "mimeType": "application/x-msdownload", "buffer": b"MZ"}]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("alert")).to_contain_text("content_type")  # the API's 422 names the field
    screens.check("attached")

    # An agent answers, in public and in an internal note: the reply arrives on the open
    # screen without a reload; the note never reaches the customer.
    public = f"Thanks Emma, we are resetting your line now ({uuid.uuid4().hex[:4]})."
    note = f"Internal: line card swap needed ({uuid.uuid4().hex[:4]})."
    for body, visibility in ((note, "internal"), (public, "public")):
        answer = session.http(
            "POST",
            f"/tickets/{ticket_id}/comments",
            token=agent,
            json={"body": body, "visibility": visibility},
        )
        assert answer.status_code == 201, answer.text
    timeline = page.get_by_role("list").filter(has_text="Ticket opened")
    expect(timeline.get_by_text(public)).to_be_visible(timeout=15_000)
    expect(page.get_by_text(note)).to_have_count(0)
    expect(timeline.locator("li.from-team")).to_contain_text("Support team")
    screens.check("agent-replied")

    mine = f"Thank you, it works again ({uuid.uuid4().hex[:4]})."
    page.get_by_label("Your reply").fill(mine)
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Your reply was sent.")).to_be_visible()
    expect(timeline.locator("li.from-customer").filter(has_text=mine)).to_be_visible()
    comments = session.http("GET", f"/tickets/{ticket_id}/comments", token=agent).json()["items"]
    assert [(c["body"], c["author_type"]) for c in comments if c["body"] == mine] == [(mine, "customer")]
    _no_sideways_scroll(screens)
    screens.check("customer-replied")

    page.get_by_role("navigation").get_by_role("link", name="My tickets").click()
    expect(page.get_by_role("link", name=subject)).to_be_visible()
    screens.check("my-tickets")

    # A callback about the ticket: the API's refusal of a bad number is shown as it says it,
    # then a good number is taken.
    page.get_by_role("link", name=subject).click()
    page.get_by_role("link", name="Ask for a callback about this ticket").click()
    expect(page.get_by_text(f"About ticket {ticket_id}")).to_be_visible()
    page.get_by_label("Phone number").fill("12")
    page.get_by_role("button", name="Call me back").click()
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    refusal = session.http(
        "POST", "/callbacks", token=session.token("customer", customer_id=customer_id), json={"number": "12"}
    ).json()
    expect(alert).to_contain_text(refusal["title"])
    screens.check("callback-refused")
    page.get_by_label("Phone number").fill("+442071234567")
    page.get_by_role("button", name="Call me back").click()
    expect(page.get_by_text("We will call you back at +442071234567.")).to_be_visible()
    screens.check("callback-asked")
    # Every screen of the help center was loaded: its JavaScript stays within the budget, and no
    # other area's screens came with it.
    assert len(screens.scripts) > 1
    assert not [name for name in screens.scripts if name.startswith("Workspace")]
    # Nor the supervisor views' and administration's screens and messages.
    staff_chunks = (
        "Live",
        "Rules",
        "Reports",
        "Chart",
        "Articles",
        "ArticleEdit",
        "Directory",
        "Sla",
        "Nav",
        "area",
    )
    assert not [name for name in screens.scripts if name.startswith(staff_chunks)], screens.scripts
    assert screens.javascript_gzip_bytes() < HELP_CENTER_JS_BUDGET, screens.javascript_gzip_bytes()
    page.context.close()


def test_a_dutch_customer_searches_in_dutch_and_reads_the_answer(console: Console, browser: Browser) -> None:
    screens = open_page(browser, "search-nl", locale="nl-NL")
    page = screens.page
    page.goto(console.url)
    # The browser's language picks the console's.
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    page.get_by_role("button", name="Inloggen als Jan de Vries").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waarmee kunnen we helpen?")

    page.get_by_label("Zoek in het helpcentrum").fill("wachtwoord vergeten")
    page.get_by_role("button", name="Zoeken").click()
    results = page.get_by_role("region", name="Antwoorden")
    first = results.get_by_role("listitem").first
    expect(first.get_by_role("link")).to_have_text("Je wachtwoord opnieuw instellen")
    expect(first).to_have_attribute("lang", "nl")
    expect(first.locator("mark").first).to_have_text(re.compile("wachtwoord", re.IGNORECASE))
    screens.check("results")

    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je wachtwoord opnieuw instellen")
    expect(page.get_by_role("article")).to_contain_text("Ga naar Mijn account")
    expect(page.get_by_role("article")).to_have_attribute("lang", "nl")
    screens.check("article")

    # Rating the answer adds one thumbs up to the article's feedback, as staff read it.
    def helpful() -> int:
        token = console.session.token("supervisor")
        answer = console.session.http("GET", "/knowledge/articles/kb-password-nl/feedback", token=token)
        return int(answer.json()["helpful"])

    before = helpful()
    page.get_by_role("button", name="Ja").click()
    expect(page.get_by_text("Bedankt voor je reactie.")).to_be_visible()
    assert helpful() == before + 1
    screens.check("article-rated")

    # The language picker: every screen's text follows, and <html lang> with it.
    page.get_by_label("Taal").select_option("zh")
    expect(page.locator("html")).to_have_attribute("lang", "zh")
    expect(page.get_by_role("link", name="返回答案列表")).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="我的工单").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我的工单")
    expect(page.get_by_role("link", name="Router X valt steeds uit")).to_be_visible()  # Jan's seeded ticket
    screens.check("tickets-zh")
    page.get_by_label("语言").select_option("ko")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_have_text("내 문의")
    screens.check("tickets-ko")
    page.context.close()
