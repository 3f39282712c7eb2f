"""The agent's journey in a real browser: Ana signs in, a simulated call (the real inbound flow
on the local Connect, the IVR's account and PIN check) reaches her, the workspace shows the
screen pop with the caller's customer record and open tickets, she accepts the call, opens a
complaint for the caller, answers it with a knowledge article, records its resolution, ends the
call with a wrap-up code; the keyboard shortcuts' dialog opens on "?". axe on every screen."""

import re
import time
import uuid

import pytest
import requests
from playwright.sync_api import Browser, expect

from localcloud.session import LocalSession
from tests.console.conftest import DESKTOP, Console, open_page

pytestmark = pytest.mark.local_cloud

JAN_CALL = ["1", "12345678#", "4321#"]  # a new issue; Jan's account number and PIN


def test_an_agent_takes_a_call_opens_a_complaint_and_resolves_it(
    console: Console, browser: Browser, ana_available: LocalSession
) -> None:
    local = ana_available
    screens = open_page(browser, "agent", viewport=DESKTOP)
    page = screens.page
    page.goto(console.url)
    page.get_by_role("button", name="Sign in as Ana de Wit").click()
    expect(page).to_have_url(re.compile(r"#/agent$"))
    main = page.get_by_role("main")
    expect(main).to_contain_text("No contact right now.")
    screens.check("waiting")

    # A call reaches Ana through the real flow: the IVR identifies Jan by account and PIN
    call = local.cloud.simulator().call(
        local.cloud.flow_arn("inbound_helpdesk"), caller="+31201234567", inputs=JAN_CALL
    )
    assert call.outcome == "connected"
    pop = page.get_by_role("region", name="Screen pop")
    expect(pop).to_contain_text("Jan de Vries", timeout=10_000)
    expect(pop).to_contain_text("Bakkerij De Vries")  # the customer record, read by the id the IVR set
    expect(pop).to_contain_text("12345678")
    expect(main).to_contain_text("Incoming")
    expect(pop.get_by_role("heading", name="Open tickets")).to_be_visible()
    screens.check("screen-pop")

    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Accept the contact")
    screens.check("shortcuts")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.keyboard.press("a")  # accept, by its shortcut
    expect(main).to_contain_text("Connected")
    assert local.cloud.connect.center.agent("ana").contact.state == "CONNECTED"

    # A complaint for the caller
    page.get_by_label("Subject").fill("Router drops the line every evening")
    page.get_by_label("What happened").fill("Third call about it; the replacement did not help.")
    page.get_by_role("button", name="Open the complaint").click()
    expect(page).to_have_url(re.compile(r"#/agent/tickets/T-\d+\?created=1$"))
    ticket_id = re.search(r"T-\d+", page.url).group(0)  # type: ignore[union-attr]
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ticket {ticket_id}")
    expect(main).to_contain_text("Router drops the line every evening")
    screens.check("complaint")

    # Knowledge beside it: "send this answer" fills the reply box; the reply goes out
    page.get_by_label("Search the knowledge base").fill("router")
    page.get_by_role("button", name="Search", exact=True).click()
    send = page.get_by_role("button", name=re.compile("^Send this answer")).first
    expect(send).to_be_visible(timeout=15_000)  # the first search of a run starts the search function
    send.click()
    reply = page.get_by_label("Message")
    expect(reply).not_to_have_value("")
    page.get_by_role("button", name="Send the reply").click()
    expect(main).to_contain_text("The reply is sent.")
    screens.check("reply")

    # A photo of the router arrives as an attachment (uploaded through its presigned form)
    token = local.token("agent", username="ana")
    content = b"router light: red"
    announced = local.http(
        "POST",
        f"/tickets/{ticket_id}/attachments",
        token=token,
        headers={"Idempotency-Key": "journey-attachment"},
        json={"filename": "router-light.txt", "content_type": "text/plain", "size": len(content)},
    ).json()
    form = announced["upload"]
    uploaded = requests.post(form["url"], data=form["fields"], files={"file": ("x", content)}, timeout=30)
    assert uploaded.status_code in (200, 204), uploaded.text
    page.reload()
    link = page.get_by_role("link", name="router-light.txt")
    expect(link).to_be_visible()
    assert requests.get(str(link.get_attribute("href")), timeout=30).content == content

    page.get_by_role("button", name="Assign to me").click()
    expect(main).to_contain_text("The ticket is assigned.")

    # Resolve: a complaint in its closed loop records its resolution; else it moves to resolved
    loop = page.get_by_role("button", name="Record the resolution")
    if loop.count():
        page.get_by_label("Resolution").first.fill("Replaced the router and the line; checked for a week.")
        loop.click()
        expect(main).to_contain_text("The resolution is recorded.")
    else:
        page.get_by_label("New status").select_option("resolved")
        page.get_by_role("button", name="Change the status").click()
        expect(main).to_contain_text("The status is changed.")
    ticket = local.http("GET", f"/tickets/{ticket_id}", token=token).json()
    for _ in range(40):  # the closed loop records the resolution in its own step
        if ticket["status"] == "resolved" or ticket["resolution"]:
            break
        time.sleep(0.25)
        ticket = local.http("GET", f"/tickets/{ticket_id}", token=token).json()
    assert ticket["type"] == "complaint" and ticket["customer_id"] == console.customers["12345678"]
    assert ticket["status"] == "resolved" or ticket["resolution"], ticket
    screens.check("resolved")

    # Back to the call: end it, wrap it up with a code
    page.keyboard.press("w")
    expect(page).to_have_url(re.compile(r"#/agent$"))
    page.get_by_role("button", name="End contact").click()
    page.get_by_label("Wrap-up code").select_option("complaint_opened")
    screens.check("wrap-up")
    page.get_by_role("button", name="Finish the contact").click()
    expect(main).not_to_contain_text("After-contact work")
    done = {d.contact_id: d for d in local.cloud.connect.center.finished}[call.contact_id]
    assert (done.agent, done.wrap_up_code) == ("ana", "complaint_opened")
    # Ana is Available again: the next contact (e.g. the closed loop's task) may be offered
    expect(main.get_by_text(re.compile(r"No contact right now\.|Incoming"))).to_be_visible()
    screens.check("next")

    # The inbox: the complaint is among the tickets by SLA risk or Ana's department's
    page.get_by_role("link", name="Tickets inbox").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tickets inbox")
    screens.check("inbox")
    views = page.get_by_role("navigation", name="Inbox views")
    for view in ("My department", "SLA at risk", "SLA breached"):
        views.get_by_role("link", name=view).click()
        expect(views.get_by_role("link", name=view)).to_have_attribute("aria-current", "page")
        expect(main.get_by_role("alert")).to_have_count(0)
    views.get_by_role("link", name="Mine").click()
    expect(main.get_by_role("link", name=re.compile(ticket_id))).to_be_visible()  # assigned to her

    # The workspace in Dutch, Chinese and Korean
    for language, heading in (("nl", "Inbox tickets"), ("zh", "工单收件箱"), ("ko", "티켓 받은함")):
        page.get_by_label(re.compile("Language|Taal|语言|언어")).select_option(language)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    screens.check("inbox-ko")
    page.context.close()


def test_the_inbox_pages_past_the_first_fifty_tickets(console: Console, browser: Browser) -> None:
    session = console.session
    agent = session.token("agent", username="ana")
    marker = uuid.uuid4().hex[:6]
    subjects = [f"Paging {marker} {n:02d}" for n in range(51)]
    for subject in subjects:  # the billing department's, more than one page of 50 on their own
        created = session.http(
            "POST",
            "/tickets",
            token=agent,
            json={
                "type": "request",
                "subject": subject,
                # a customer of the test's own: no demo customer's "My tickets" fills up with these
                "customer": {"name": f"Paging {marker}", "email": f"paging-{marker}@example.com"},
                "department": "billing",
                "channel": "phone",
            },
        )
        assert created.status_code == 201, created.text
    screens = open_page(browser, "inbox-paging", viewport=DESKTOP)
    page = screens.page
    page.goto(f"{console.url}#/sign-in?as=department:billing")  # Dana, of the billing department
    expect(page.get_by_text("Signed in as Dana Billing")).to_be_visible()
    page.goto(f"{console.url}#/agent/tickets?view=department")
    rows = page.locator("table.ws-table tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() <= 50
    more = page.get_by_role("button", name="More tickets")
    expect(more).to_be_visible()  # a second page exists: the API gives 50 at a time
    while more.is_visible():
        shown = rows.count()
        more.click()
        expect(rows).not_to_have_count(shown)
    table = page.locator("table.ws-table").inner_text()
    assert [s for s in subjects if s not in table] == []
    screens.check("all-pages")
