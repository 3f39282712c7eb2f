"""Chapter: reports. A burst of the day's traffic (calls through the real contact flow, and
tickets through the API) reaches the data lake: each call leaves its contact record and one
event per flow block, each ticket change its timeline event through the lake feed. A
supervisor then reads three reports and downloads a workbook with its chart; an agent may not.
Each report's figures grow by exactly the traffic the chapter made."""

import io
from typing import Any

from openpyxl import load_workbook

from cli.demo.transcript import Transcript
from contactcenter import clock
from localcloud.seed import seed, seed_directory
from localcloud.session import STATE_DIR, LocalSession

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKBOOK = STATE_DIR / "demo-tickets-by-product.xlsx"
# (keys pressed, how many calls, the help desk open): authenticated callers, callers without an
# account number, and callers after hours (the flow tells them the hours and hangs up).
CALLS = ((("1", "12345678#", "4321#"), 6, True), (("1", "0#"), 4, True), (("1",), 3, False))
TICKETS = (("complaint", "router-x", True), ("complaint", "modem", True), ("request", "router-x", False))


def _report(session: LocalSession, name: str, token: str, **params: Any) -> dict[str, Any]:
    today = clock.now().date().isoformat()
    response = session.http(
        "GET", f"/reports/{name}", token=token, params={"from": today, "to": today, **params}
    )
    if response.status_code != 200:
        raise AssertionError(f"{name}: {response.status_code} {response.text}")
    return response.json()  # type: ignore[no-any-return]


def _contacts(session: LocalSession, token: str) -> int:
    return sum(row["contacts"] for row in _report(session, "contact_volume", token)["rows"])


def _by_product(session: LocalSession, token: str) -> dict[str, int]:
    rows = _report(session, "tickets_by_dimension", token, filter="dimension:product")["rows"]
    return {row["value"]: row["tickets"] for row in rows}


def run(session: LocalSession, transcript: Transcript) -> None:
    transcript.chapter("Reports: a day's traffic in the data lake, three reports and a workbook")
    seed(session)
    seed_directory(session)
    supervisor, agent = session.token("supervisor", username="sam"), session.token("agent", username="ana")
    contacts_before, products_before = _contacts(session, supervisor), _by_product(session, supervisor)

    cloud = session.cloud
    simulator, flow, calls = cloud.simulator(), cloud.flow_arn("inbound_helpdesk"), []
    try:
        for keys, count, open_now in CALLS:
            cloud.connect.open_override = open_now
            calls += [simulator.call(flow, caller="+31201234567", inputs=keys) for _ in range(count)]
    finally:
        cloud.connect.open_override = None
    customer = session.http(
        "POST", "/customers", token=agent, json={"name": "Demo Reports", "language": "en"}
    )
    for ticket_type, product, resolve in TICKETS:
        body = {
            "type": ticket_type,
            "subject": "Demo",
            "customer_id": customer.json()["customer_id"],
            "product": product,
        }
        created = session.http("POST", "/tickets", token=agent, json=body).json()
        if resolve:
            session.http(
                "POST",
                f"/tickets/{created['ticket_id']}/transitions",
                token=agent,
                json={"to": "resolved", "resolution": "fixed"},
                headers={"If-Match": f'"{created["version"]}"'},
            )
    cloud.wait_idle()  # the lake feed delivers after the API answers, as Firehose does
    queued = sum(1 for call in calls if call.queue)
    resolved = sum(1 for *_, resolve in TICKETS if resolve)
    transcript.say(
        f"traffic: {len(calls)} calls ({queued} queued), {len(TICKETS)} tickets ({resolved} resolved)"
    )

    added = _contacts(session, supervisor) - contacts_before
    transcript.expect(added == len(calls), f"contact volume grew by {added}, not {len(calls)}")
    for row in _report(session, "contact_volume", supervisor, interval="hour")["rows"]:
        hour, voice, chat = row["period"][11:16], row["voice"], row["chat"]
        transcript.say(f"contact volume {hour}  voice {voice}  chat {chat}  total {row['contacts']}")
    nodes = _report(session, "ivr_nodes", supervisor)["rows"]
    for row in sorted(nodes, key=lambda r: (-r["dropped"], -r["reached"]))[:4]:  # where callers left first
        block = f"{row['flow'][:24]} / {row['block'][:20]}"
        transcript.say(f"IVR node {block:47} reached {row['reached']:3}  hung up {row['dropped']}")
    transcript.expect(any(row["dropped"] for row in nodes), "no caller was dropped in the IVR")
    products = _by_product(session, supervisor)
    for product in ("router-x", "modem"):
        grown = products.get(product, 0) - products_before.get(product, 0)
        expected = sum(1 for _, p, _ in TICKETS if p == product)
        transcript.expect(grown == expected, f"{product}: {grown} new tickets, not {expected}")
    transcript.say("tickets by product: " + ", ".join(f"{k} {v}" for k, v in sorted(products.items())))

    today = clock.now().date().isoformat()
    workbook = session.http(
        "GET",
        "/reports/tickets_by_dimension",
        token=supervisor,
        params={"from": today, "to": today, "filter": "dimension:product"},
        headers={"Accept": XLSX, "Accept-Language": "nl"},
    )
    transcript.expect(workbook.headers.get("Content-Type") == XLSX, "no workbook")
    WORKBOOK.parent.mkdir(parents=True, exist_ok=True)
    WORKBOOK.write_bytes(workbook.content)
    sheet = load_workbook(io.BytesIO(workbook.content)).worksheets[0]
    charts = getattr(sheet, "_charts", [])  # openpyxl keeps a sheet's charts there (no public name)
    transcript.expect((sheet.title, len(charts)) == ("Gegevens", 1), "no Dutch data sheet with its chart")
    transcript.say(f"workbook in Dutch with a pie chart: {WORKBOOK} ({sheet.max_row - 1} products)")
    refused = session.http("GET", "/reports/service_level", token=agent, params={"from": today, "to": today})
    transcript.http(refused, "an agent asks for a report")
    transcript.expect(refused.status_code == 403, "an agent read a report")
