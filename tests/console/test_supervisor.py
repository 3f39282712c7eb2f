"""Supervisors' and administrators' journeys in headless Chromium on a desktop-sized screen:
a queue alert pushed over the live channel (the local contact center's contacts and agents, as
tests/api/test_live_channel.py drives them), a report downloaded as a workbook, and an article
published in administration that a Dutch customer then finds in the help center."""

import json
import re
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Route, WebSocketRoute, expect

from contactcenter.sla.models import ConfigItem
from localcloud.contact_center import ContactCenter
from localcloud.lake import write_rows
from localcloud.seed import seed_sla
from tests.console.conftest import DESKTOP, Console, open_page
from tests.reports.fixtures import contact

RULE = "/monitor/alert-rules/general/contacts_waiting"
CACHE_SECONDS = 1.1  # the local cloud's MONITOR_CACHE_SECONDS, and a little
JAN = "12345678"  # Jan de Vries, Dutch (localcloud/seed.py)


@pytest.fixture
def sla_seeded(console: Console) -> Iterator[Callable[[Console], None]]:
    """Seeds the demo's SLA configuration when called, and puts back the configuration the
    shared local cloud had before (other tests' SLA rules must not meet the demo's policies)."""
    before = list(ConfigItem.scan())
    yield lambda seeded: seed_sla(seeded.session)
    for item in ConfigItem.scan():
        item.delete()
    for item in before:
        item.save()


@pytest.fixture
def center(console: Console) -> Iterator[ContactCenter]:
    """The local cloud's own contact center (its contact events go to the bus), emptied."""
    with console.session.cloud.connect.emptied_center() as center:
        try:
            yield center
        finally:
            console.session.http("DELETE", RULE, token=console.session.token("supervisor"))


REPORT_DAYS = ("2025-03-10", "2025-03-11")  # days no other test's lake rows touch


def _answered(contact_id: str, queue: str, start: str, wait: int) -> dict[str, object]:
    """A voice contact answered ``wait`` seconds after it was queued (it queued 30 s in)."""
    started = datetime.fromisoformat(start)
    return contact(
        contact_id,
        "VOICE",
        start,
        queue_name=queue,
        enqueue_timestamp=(started + timedelta(seconds=30)).isoformat(),
        connected_to_agent_timestamp=(started + timedelta(seconds=30 + wait)).isoformat(),
        agent_username="ana",
        agent_interaction_seconds=120,
    )


@pytest.fixture(scope="module")
def report_lake(console: Console) -> None:
    """Two days of contacts in the local lake, for the service level report."""
    lake = console.session.cloud.resources.lake_path
    assert lake is not None
    day, next_day = REPORT_DAYS
    write_rows(
        lake,
        "contact_records",
        [
            _answered("sv-1", "general", f"{day}T09:00:00", 5),
            _answered("sv-2", "general", f"{day}T09:10:00", 45),
            _answered("sv-3", "billing", f"{day}T10:00:00", 10),
            _answered("sv-4", "billing", f"{next_day}T11:00:00", 12),
            _answered("sv-5", "router_x", f"{next_day}T12:00:00", 90),
        ],
    )


def _settle(console: Console) -> None:
    """The events delivered and their evaluations done; the snapshot old enough to be renewed."""
    console.session.cloud.wait_idle()
    time.sleep(CACHE_SECONDS)


def test_a_supervisor_sees_a_queue_alert_arrive_and_downloads_a_workbook(
    console: Console, browser: Browser, center: ContactCenter, report_lake: None, tmp_path: Path
) -> None:
    screens = open_page(browser, "supervisor", viewport=DESKTOP)
    page = screens.page
    page.goto(console.url)
    page.get_by_role("button", name="Sign in as Sam Supervisor").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Supervisor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Queues and agents now")

    # The rule, set in the console: three contacts waiting raise it, none clears it.
    page.get_by_role("navigation", name="Supervisor").get_by_role("link", name="Alert rules").click()
    page.get_by_label("Queue", exact=True).fill("general")
    page.get_by_label("Figure").select_option("contacts_waiting")
    page.get_by_label("Raise at").fill("3")
    page.get_by_label("Clear at").fill("0")
    page.get_by_role("button", name="Save the rule").click()
    expect(page.get_by_text("Saved: general, Contacts waiting.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="general")).to_contain_text("Quiet")
    supervisor = console.session.token("supervisor")
    rules = console.session.http("GET", "/monitor/alert-rules", token=supervisor).json()
    assert [(r["raise_at"], r["clear_at"]) for r in rules["items"] if r["queue"] == "general"] == [(3, 0)]
    screens.check("alert-rules")

    sub = page.get_by_role("navigation", name="Supervisor")
    sub.get_by_role("link", name="Queues and agents now").click()
    expect(page.get_by_role("status").filter(has_text="Live:")).to_be_visible(timeout=15_000)
    log = page.get_by_role("log")
    expect(log).to_contain_text("No alert since you opened this page.")
    screens.check("live")

    for n in range(3):  # each contact's QUEUED event, once the snapshot may be renewed
        center.enqueue(f"console-contact-{n}", "VOICE", "general")
        _settle(console)
    raised = log.get_by_role("listitem").filter(has_text="Raised")
    expect(raised).to_contain_text("Queue general", timeout=20_000)
    general = page.locator("tr[data-queue=general]")
    expect(general.get_by_role("cell").first).to_have_text("3", timeout=15_000)  # the pushed snapshot
    screens.check("alert-raised")

    # In Dutch the page asks a Dutch ticket: the clearing arrives in Dutch.
    page.get_by_label("Language").select_option("nl")
    expect(page.get_by_role("status").filter(has_text="Live:")).to_be_visible(timeout=15_000)
    for name in ("console-ana", "console-bo", "console-chen"):
        center.add_agent(name)
        center.login(name, "help_desk")
    _settle(console)
    for name in ("console-ana", "console-bo", "console-chen"):
        center.set_status(name, "Available")  # each takes a waiting contact
    cleared = page.get_by_role("log").get_by_role("listitem").filter(has_text="Hersteld")
    expect(cleared).to_contain_text("Wachtrij general hersteld", timeout=20_000)
    expect(cleared).to_have_attribute("lang", "nl")
    expect(page.get_by_role("row").filter(has_text="console-ana")).to_be_visible(timeout=15_000)
    screens.check("alert-cleared-nl")

    # Reports: the service level over two days, its chart and table, the workbook and the CSV.
    page.get_by_role("navigation", name="Supervisor").get_by_role("link", name="Rapporten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapporten")
    page.get_by_label("Rapport", exact=True).select_option("service_level")
    page.get_by_label("Van", exact=True).fill(REPORT_DAYS[0])
    page.get_by_label("Tot en met", exact=True).fill(REPORT_DAYS[1])
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("status").filter(has_text="3 rijen")).to_be_visible()  # one per queue
    chart = page.get_by_role("img", name=re.compile(r"^Service"))
    expect(chart).to_be_visible()
    expect(chart.locator("rect.bar")).to_have_count(3)
    expect(chart).to_contain_text("100")  # billing's service level, as the workbook charts it
    table = page.get_by_role("region", name=re.compile(r"^Service"))
    expect(table.get_by_role("row").filter(has_text="billing")).to_contain_text("2")  # offered
    screens.check("report")
    # A filter narrows it: no chat contacts in those days.
    page.get_by_label("Kanaal").select_option("CHAT")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_text("Niets in deze periode.")).to_be_visible()
    page.get_by_label("Kanaal").select_option("VOICE")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("status").filter(has_text="3 rijen")).to_be_visible()
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Werkmap downloaden (Excel)").click()
    download = downloading.value
    assert download.suggested_filename == f"service_level_{REPORT_DAYS[0]}_{REPORT_DAYS[1]}.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert zipfile.is_zipfile(saved)
    workbook = load_workbook(saved)
    assert len(workbook.sheetnames) == 2, workbook.sheetnames  # the figures, then the definition
    figures = workbook[workbook.sheetnames[0]]
    queues = {row[0] for row in figures.iter_rows(min_row=2, values_only=True)}
    assert {"general", "billing", "router_x"} <= queues, queues
    assert figures._charts, "the workbook has its native chart"
    expect(page.get_by_text(f"{download.suggested_filename} gedownload.")).to_be_visible()
    with page.expect_download() as downloading:
        page.get_by_role("button", name="CSV downloaden").click()
    csv = tmp_path / "report.csv"
    downloading.value.save_as(csv)
    assert csv.read_text(encoding="utf-8-sig").splitlines()[0].count(",") >= 1
    screens.check("report-downloaded")
    page.context.close()


def test_an_administrator_publishes_an_article_that_a_customer_finds_in_dutch(
    console: Console, browser: Browser
) -> None:
    suffix = uuid.uuid4().hex[:6]
    article_id = f"kb-glasvezel-{suffix}-nl"
    title = "Het glasvezelkastje herstarten"
    screens = open_page(browser, "admin", viewport=DESKTOP)
    page = screens.page
    page.goto(console.url)
    page.get_by_role("button", name="Sign in as Alex Admin").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Administration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Knowledge articles")
    expect(page.get_by_role("status").filter(has_text=re.compile(r"\d+ articles"))).to_be_visible()
    screens.check("articles")

    page.get_by_role("link", name="New article").click()
    page.get_by_label("Article id (optional)").fill(article_id)
    page.get_by_label("Language of the article").select_option("nl")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Answer", exact=True).fill(
        "Trek de stekker van het glasvezelkastje uit het stopcontact, wacht tien seconden "
        "en steek hem er weer in."
    )
    page.get_by_label("Questions it answers").fill("Mijn glasvezelkastje doet het niet\nGlasvezel storing")
    screens.check("article-new")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page).to_have_url(re.compile(rf"#/admin/articles/{article_id}$"))
    expect(page.get_by_text("Draft", exact=True)).to_be_visible()

    page.get_by_label("Answer", exact=True).fill(
        "Trek de stekker van het glasvezelkastje uit het stopcontact, wacht dertig seconden "
        "en steek hem er weer in."
    )
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.get_by_text("Saved: version 2.")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status").filter(has_text="Published: version")).to_be_visible()
    versions = page.get_by_role("region", name="Versions").get_by_role("listitem")
    expect(versions.first).to_contain_text("Published")
    expect(page.get_by_text("Readers found it helpful 0 times, not helpful 0 times.")).to_be_visible()
    screens.check("article-published")
    stored = console.session.http(
        "GET", f"/knowledge/articles/{article_id}", token=console.session.token("agent")
    ).json()
    assert (stored["status"], stored["language"], stored["audience"]) == ("published", "nl", "public")
    page.context.close()
    console.session.cloud.wait_idle()  # the search index follows the table

    customer = open_page(browser, "admin-customer-nl", locale="nl-NL")
    page = customer.page
    page.goto(console.url)
    page.get_by_role("button", name="Inloggen als Jan de Vries").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waarmee kunnen we helpen?")
    page.get_by_label("Zoek in het helpcentrum").fill("glasvezelkastje herstarten")
    page.get_by_role("button", name="Zoeken").click()
    found = page.get_by_role("region", name="Antwoorden").get_by_role("link", name=title)
    expect(found).to_be_visible(timeout=15_000)
    customer.check("found")
    found.click()
    expect(page.get_by_role("article")).to_contain_text("wacht dertig seconden")  # the published version
    expect(page.get_by_role("article")).to_have_attribute("lang", "nl")
    customer.check("read")
    page.context.close()


def test_without_the_live_channel_the_figures_are_polled(
    console: Console, browser: Browser, center: ContactCenter
) -> None:
    """A socket that cannot open (here: the channel refuses a ticket it never issued, 401) leaves
    the page reading GET /monitor/queues every 15 s."""
    screens = open_page(browser, "supervisor-polling", viewport=DESKTOP)
    page = screens.page

    def refused_ticket(route: Route) -> None:
        live = console.session.cloud.live
        assert live is not None
        body = {"url": f"{live.url}?ticket=never-issued", "ticket": "x", "expires_in": 60, "language": "en"}
        route.fulfill(status=201, content_type="application/json", body=json.dumps(body))

    page.route("**/monitor/live-tickets", refused_ticket)
    page.goto(console.url)
    page.get_by_role("button", name="Sign in as Sam Supervisor").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Supervisor").click()
    expect(page.get_by_role("status").filter(has_text="read every 15 seconds")).to_be_visible(timeout=15_000)
    # Chromium logs the refused handshake; that is this test's point, not a console error.
    screens.problems[:] = [p for p in screens.problems if "WebSocket connection" not in p]
    general = page.locator("tr[data-queue=general]").get_by_role("cell").first
    expect(general).to_have_text("0", timeout=15_000)
    center.enqueue("polled-contact", "VOICE", "general")
    _settle(console)
    expect(general).to_have_text("1", timeout=35_000)  # a poll or two later (15 s apart)
    screens.problems[:] = [p for p in screens.problems if "WebSocket connection" not in p]
    screens.check("polling")
    page.context.close()


def test_agents_see_neither_the_supervisor_views_nor_administration(
    console: Console, browser: Browser
) -> None:
    screens = open_page(browser, "supervisor-refused", viewport=DESKTOP)
    page = screens.page
    page.goto(console.url)
    page.get_by_role("button", name="Sign in as Ana de Wit").click()
    main_nav = page.get_by_role("navigation", name="Main")
    expect(main_nav.get_by_role("link", name="Agent workspace")).to_be_visible()
    for hidden in ("Supervisor", "Reports", "Administration"):
        expect(main_nav.get_by_role("link", name=hidden)).to_have_count(0)
    for path in ("#/supervisor", "#/supervisor/reports", "#/admin"):
        page.goto(console.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text("This page does not exist.")
    # The API is the authority: an agent's token is refused the live ticket and the reports.
    agent = console.session.token("agent", username="ana")
    assert console.session.http("POST", "/monitor/live-tickets", token=agent, json={}).status_code == 403
    assert console.session.http("GET", "/reports", token=agent).status_code == 403
    screens.check("refused")
    page.context.close()


def test_an_administrator_imports_articles_and_keeps_the_do_not_call_list(
    console: Console, browser: Browser, sla_seeded: Callable[[Console], None]
) -> None:
    suffix = uuid.uuid4().hex[:6]
    good = {
        "id": f"kb-import-{suffix}-en",
        "language": "en",
        "title": f"Imported answer {suffix}",
        "questions": ["Is this imported?"],
        "answer": "Yes, from a JSON Lines file.",
        "audience": "agents",
        "status": "draft",
    }
    lines = json.dumps(good) + "\n" + '{"id": "broken"\n'
    sla_seeded(console)  # the help desk's calendar, policies and rules (PUT by id), undone after
    screens = open_page(browser, "admin-tools", viewport=DESKTOP)
    page = screens.page
    page.goto(console.url)
    page.get_by_role("button", name="Sign in as Alex Admin").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Administration").click()
    page.get_by_label("JSON Lines file").set_input_files(
        files=[{"name": "articles.jsonl", "mimeType": "application/x-ndjson", "buffer": lines.encode()}]
    )
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("Imported 1 new, updated 0, unchanged 0.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Line 2: "))).to_be_visible()
    expect(page.get_by_role("link", name=good["title"])).to_be_visible()  # the list read again
    stored = console.session.http(
        "GET", f"/knowledge/articles/{good['id']}", token=console.session.token("agent")
    ).json()
    assert (stored["status"], stored["audience"]) == ("draft", "agents")
    screens.check("imported")

    number = f"+3120{uuid.uuid4().int % 10_000_000:07d}"
    page.get_by_role("navigation", name="Administration").get_by_role("link", name="Do-not-call list").click()
    page.get_by_label("Phone number").fill(number)
    page.get_by_role("button", name="Look up").click()
    expect(page.get_by_text("This number is not on the list.")).to_be_visible()
    page.get_by_label("Reason (optional)").fill("Asked not to be called")
    page.get_by_role("button", name="Add to the list").click()
    expect(page.get_by_text(f"{number} was added to the list.")).to_be_visible()
    expect(page.get_by_text(f"{number} is on the list.")).to_be_visible()
    supervisor = console.session.token("supervisor")
    listed = console.session.http("GET", f"/do-not-call/{number}", token=supervisor)
    assert listed.status_code == 200 and listed.json()["reason"] == "Asked not to be called"
    screens.check("do-not-call")
    page.get_by_role("button", name="Remove from the list").click()
    expect(page.get_by_text(f"{number} was removed from the list.")).to_be_visible()
    assert console.session.http("GET", f"/do-not-call/{number}", token=supervisor).status_code == 404

    # The directory and the SLA configuration; in Chinese and Korean.
    admin_nav = page.get_by_role("navigation", name="Administration")
    admin_nav.get_by_role("link", name="Departments and agents").click()
    expect(page.get_by_role("row").filter(has_text="General help desk")).to_contain_text("default")
    expect(page.get_by_role("row").filter(has_text="Ana de Wit")).to_contain_text("billing (4)")
    # An agent's availability for new tickets is switched here (and switched back).
    page.get_by_role("button", name="Mark Dae-jung Kim unavailable").click()
    expect(page.get_by_text("Dae-jung Kim gets no new tickets.")).to_be_visible()
    agents = console.session.http("GET", "/agents", token=console.session.token("admin")).json()["items"]
    assert [a["available"] for a in agents if a["name"] == "Dae-jung Kim"] == [False]
    page.get_by_role("button", name="Mark Dae-jung Kim available").click()
    expect(page.get_by_text("Dae-jung Kim is available for new tickets.")).to_be_visible()
    screens.check("directory")
    admin_nav.get_by_role("link", name="SLA").click()
    for heading in ("Calendars", "SLA policies", "Escalation rules"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_text("vip", exact=True)).to_be_visible()
    page.get_by_label("Language").select_option("zh")
    expect(page.get_by_role("heading", name="SLA 策略")).to_be_visible()
    screens.check("sla-zh")
    page.get_by_role("navigation", name="管理").get_by_role("link", name="部门和坐席").click()
    page.get_by_label("语言").select_option("ko")
    expect(page.get_by_role("heading", level=1)).to_have_text("부서와 상담원")
    screens.check("directory-ko")
    page.context.close()


def test_a_supervisor_puts_an_agent_on_a_break(
    console: Console, browser: Browser, center: ContactCenter
) -> None:
    center.add_agent("console-dae")
    center.login("console-dae", "help_desk")
    center.set_status("console-dae", "Available")
    _settle(console)
    screens = open_page(browser, "supervisor-action", viewport=DESKTOP)
    page = screens.page
    page.goto(console.url)
    page.get_by_role("button", name="Sign in as Sam Supervisor").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Supervisor").click()
    expect(page.get_by_role("status").filter(has_text="Live:")).to_be_visible(timeout=15_000)
    row = page.get_by_role("row").filter(has_text="console-dae")
    expect(row.get_by_role("cell").first).to_have_text("Available", timeout=15_000)
    row.get_by_label("New status for console-dae").select_option("Break")
    row.get_by_role("button", name="Set the status of console-dae").click()
    expect(page.get_by_text("console-dae: status set to Break.")).to_be_visible()
    expect(row.get_by_role("cell").first).to_have_text("Break", timeout=20_000)  # the next snapshot
    screens.check("agent-on-break")
    page.context.close()


def test_a_closed_live_channel_is_opened_again_with_a_fresh_ticket(
    console: Console, browser: Browser
) -> None:
    screens = open_page(browser, "supervisor-reconnect", viewport=DESKTOP)
    page = screens.page
    sockets: list[WebSocketRoute] = []
    tickets: list[str] = []

    def through(socket: WebSocketRoute) -> None:
        sockets.append(socket)
        socket.connect_to_server()  # the real channel; the test closes the page's side

    page.route_web_socket(re.compile(r"ticket="), through)
    page.on("request", lambda r: tickets.append(r.url) if r.url.endswith("/monitor/live-tickets") else None)
    page.goto(console.url)
    page.get_by_role("button", name="Sign in as Sam Supervisor").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Supervisor").click()
    live = page.get_by_role("status").filter(has_text="Live:")
    expect(live).to_be_visible(timeout=15_000)
    assert (len(sockets), len(tickets)) == (1, 1)
    sockets[0].close(code=1001, reason="going away")  # as API Gateway does after two hours
    expect(page.get_by_role("status").filter(has_text="Connecting")).to_be_visible()
    expect(live).to_be_visible(timeout=15_000)
    assert (len(sockets), len(tickets)) == (2, 2)  # a new socket, with a ticket of its own
    assert sockets[0].url != sockets[1].url
    screens.check("reconnected")
    # Every string in Chinese and Korean too.
    page.get_by_label("Language").select_option("zh")
    expect(page.get_by_role("heading", level=1)).to_have_text("当前队列和坐席")
    expect(page.get_by_role("status").filter(has_text="实时")).to_be_visible(timeout=15_000)
    screens.check("live-zh")
    page.get_by_label("语言").select_option("ko")
    page.get_by_role("navigation", name="슈퍼바이저").get_by_role("link", name="알림 규칙").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("알림 규칙")
    screens.check("rules-ko")
    page.context.close()


def test_an_administrator_edits_the_directory_and_an_sla_calendar(
    console: Console, browser: Browser, sla_seeded: Callable[[Console], None]
) -> None:
    suffix = uuid.uuid4().hex[:6]
    session, admin = console.session, console.session.token("admin")
    sla_seeded(console)
    screens = open_page(browser, "admin-edit", viewport=DESKTOP)
    page = screens.page
    page.goto(f"{console.url}#/sign-in?as=admin")  # straight in (the local sign-in's link)
    expect(page).to_have_url(re.compile(r"#/agent$"))  # staff land in the workspace
    expect(page.get_by_text("Signed in as Alex Admin")).to_be_visible()
    page.goto(f"{console.url}#/admin/directory")

    # A department of its own (nothing else is dispatched to its category), then changed
    page.get_by_role("link", name="New department").click()
    page.get_by_label("Department id").fill(f"dept-{suffix}")
    page.get_by_label("Name", exact=True).fill(f"Returns {suffix}")
    page.get_by_label("Categories").fill(f"returns-{suffix}")
    page.get_by_label("Products").fill("Not A Slug!")
    expect(page.get_by_role("button", name="Save")).to_be_disabled()  # lower-case names only
    page.get_by_label("Products").fill(f"parcel-{suffix}")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Returns {suffix} was saved.")).to_be_visible()
    page.get_by_role("link", name=f"Returns {suffix}").click()
    page.get_by_label("Products").fill(f"parcel-{suffix}, pallet-{suffix}")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Returns {suffix} was saved.")).to_be_visible()
    stored = session.http("GET", f"/departments/dept-{suffix}", token=admin).json()
    assert stored["products"] == [f"parcel-{suffix}", f"pallet-{suffix}"]

    # An agent in it: skills with levels, languages, capacity
    page.get_by_role("link", name="New agent").click()
    page.get_by_label("User name (the agent's sign-in)").fill(f"agent-{suffix}")
    page.get_by_label("Name", exact=True).fill(f"Robin {suffix}")
    page.get_by_label("Department").select_option(f"dept-{suffix}")
    page.get_by_label("Skills (level)").fill("returns")
    expect(page.get_by_text("Write each skill as name:level")).to_be_visible()
    page.get_by_label("Skills (level)").fill("returns:4, dutch_billing:2")
    page.get_by_role("checkbox", name="Nederlands").check()
    page.get_by_role("checkbox", name="English").check()
    page.get_by_label("Capacity (open tickets at most)").fill("5")
    screens.check("agent-new")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Robin {suffix} was saved.")).to_be_visible()
    robin = session.http("GET", f"/agents/agent-{suffix}", token=admin).json()
    assert (robin["department_id"], robin["skills"], sorted(robin["languages"]), robin["capacity"]) == (
        f"dept-{suffix}",
        [{"name": "returns", "level": 4}, {"name": "dutch_billing", "level": 2}],
        ["en", "nl"],
        5,
    )

    # An edit over someone else's change is refused (If-Match), and nothing is lost
    page.get_by_role("link", name=f"Robin {suffix}").click()
    page.get_by_label("Capacity (open tickets at most)").fill("7")
    changed = session.http(
        "PATCH", f"/agents/agent-{suffix}", token=admin, json={"capacity": 9}, headers={"If-Match": '"1"'}
    )
    assert changed.status_code == 200, changed.text
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text(re.compile("revision|changed", re.I))
    assert session.http("GET", f"/agents/agent-{suffix}", token=admin).json()["capacity"] == 9
    screens.check("agent-stale")

    # The SLA calendar: JSON the API checks; a bad definition names its field
    page.goto(f"{console.url}#/admin/sla")
    calendar = next(iter(session.http("GET", "/calendars", token=admin).json()["items"]))
    config_id = calendar["config_id"]
    page.get_by_text(config_id, exact=True).click()  # open its details
    page.get_by_role("button", name=f"Edit {config_id}").click()
    definition = page.get_by_label(f"Definition of {config_id} (JSON)")
    definition.fill('{"name": ')
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("This is not valid JSON")
    definition.fill(json.dumps({**calendar["definition"], "time_zone": 42}))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("time_zone")
    definition.fill(json.dumps({**calendar["definition"], "closed_days": ["2026-12-24"]}))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"{config_id} was saved (revision {calendar['revision'] + 1}).")).to_be_visible()
    stored = session.http("GET", f"/calendars/{config_id}", token=admin).json()
    assert stored["definition"]["closed_days"] == ["2026-12-24"]
    screens.check("sla-saved")
    page.context.close()
