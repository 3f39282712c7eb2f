"""/tickets over HTTP: the lifecycle, conversation, assignment, attachments and timeline."""

import json
import threading

import pytest
import requests

from tests.api.conftest import Api, problem, unique

pytestmark = pytest.mark.local_cloud


def test_open_a_ticket_for_a_known_customer(api: Api) -> None:
    customer = api.customer(language="nl")
    response = api.call(
        "POST",
        "/tickets",
        json={
            "type": "request",
            "subject": "Factuur te hoog",
            "description": "Ik betaal twee keer voor dezelfde maand.",
            "customer_id": customer["customer_id"],
            "category": "billing",
            "priority": "P2",
            "channel": "phone",
            "tags": ["invoice"],
        },
        expect=201,
    )
    ticket = response.json()
    assert ticket["ticket_id"].startswith("T-")
    assert response.headers["Location"] == f"/tickets/{ticket['ticket_id']}"
    assert response.headers["ETag"] == '"1"'
    assert (ticket["status"], ticket["priority"], ticket["channel"]) == ("new", "P2", "phone")
    assert ticket["description"] == "Ik betaal twee keer voor dezelfde maand."
    assert api.call("GET", f"/tickets/{ticket['ticket_id']}", expect=200).json() == ticket


def test_ids_are_sequential_and_human_friendly(api: Api) -> None:
    customer = api.customer()
    first = int(api.ticket(customer["customer_id"])["ticket_id"][2:])
    second = int(api.ticket(customer["customer_id"])["ticket_id"][2:])
    assert second == first + 1


def test_first_contact_finds_or_creates_the_customer(api: Api) -> None:
    phone = "+3161" + str(abs(hash(unique())))[:7]
    first = api.ticket(None, customer={"name": "Caller", "phone": phone}, channel="phone")
    found = api.call("GET", "/customers", params={"phone": phone}, expect=200).json()["items"]
    assert [c["customer_id"] for c in found] == [first["customer_id"]]
    second = api.ticket(None, customer={"phone": phone})
    assert second["customer_id"] == first["customer_id"]


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"type": "praise", "subject": "x", "customer_id": "cus_01aaaaaaaaaaaaaaaaaaaaaaaa"}, 422, "type"),
        (
            {"type": "complaint", "subject": "x", "customer_id": "cus_01aaaaaaaaaaaaaaaaaaaaaaaa"},
            422,
            "customer_id",
        ),
        ({"type": "complaint", "subject": "x"}, 422, "body"),
        ({"type": "complaint", "subject": "x", "customer_id": "nope"}, 422, "body.customer_id"),
        (
            {
                "type": "complaint",
                "subject": "x",
                "priority": "P9",
                "customer_id": "cus_01aaaaaaaaaaaaaaaaaaaaaaaa",
            },
            422,
            "body.priority",
        ),
        (
            {
                "type": "complaint",
                "subject": "x",
                "colour": "red",
                "customer_id": "cus_01aaaaaaaaaaaaaaaaaaaaaaaa",
            },
            422,
            "body.colour",
        ),
    ],
)
def test_bad_tickets_are_refused_with_the_field(api: Api, body: dict, status: int, field: str) -> None:  # type: ignore[type-arg]
    response = api.call("POST", "/tickets", json=body, expect=status)
    assert problem(response)["field"] == field


def test_an_unknown_ticket_is_404(api: Api) -> None:
    problem(api.call("GET", "/tickets/T-999999999", expect=404))


def test_every_allowed_transition_and_a_refused_one(api: Api) -> None:
    paths = [
        ["open", "pending", "open", "resolved", "closed"],
        ["pending", "resolved", "open", "closed"],
        ["resolved", "closed"],
        ["closed"],
        ["open", "closed"],
        ["open", "resolved"],
        ["pending", "open", "pending", "resolved", "closed"],
    ]
    extras = {"pending": {"pending_on": "customer"}, "closed": {"disposition": "no-longer-needed"}}
    for path in paths:
        ticket = api.ticket()
        for status in path:
            ticket = api.transition(ticket, status, **extras.get(status, {}))
            assert ticket["status"] == status
    refused = api.transition(ticket, "open", expect=409)
    assert refused["allowed"] == []
    assert refused["current_status"] == "closed"


def test_transition_details_are_recorded(api: Api) -> None:
    ticket = api.ticket()
    pending = api.transition(ticket, "pending", pending_on="department")
    assert pending["pending_on"] == "department"
    resolved = api.transition(pending, "resolved", resolution="Refunded in full")
    assert resolved["resolution"] == "Refunded in full"
    assert resolved["resolved_at"]
    reopened = api.transition(resolved, "open")
    assert reopened["reopen_count"] == 1
    assert reopened["resolved_at"] is None
    wrong = api.transition(reopened, "pending", expect=422)
    assert wrong["field"] == "pending_on"


def test_changes_need_the_current_etag(api: Api) -> None:
    ticket = api.ticket()
    path = f"/tickets/{ticket['ticket_id']}"
    assert problem(api.call("PATCH", path, json={"priority": "P1"}, expect=428))["field"] == "If-Match"
    malformed = api.call("PATCH", path, json={"priority": "P1"}, headers={"If-Match": "abc"}, expect=422)
    assert problem(malformed)["field"] == "header.if-match"
    changed = api.call(
        "PATCH", path, json={"priority": "P1", "tags": ["vip"]}, headers={"If-Match": '"1"'}, expect=200
    )
    assert changed.headers["ETag"] == '"2"'
    stale = api.call("PATCH", path, json={"priority": "P4"}, headers={"If-Match": '"1"'}, expect=412)
    assert problem(stale)["current_version"] == 2
    assert api.call("GET", path, expect=200).json()["priority"] == "P1"


def test_two_writers_one_wins_the_other_gets_412(api: Api) -> None:
    ticket = api.ticket()
    path = f"/tickets/{ticket['ticket_id']}"
    token = api.session.token("agent")
    barrier = threading.Barrier(2)
    results: list[requests.Response] = []

    def write(priority: str) -> None:
        barrier.wait()
        results.append(
            api.call("PATCH", path, token=token, json={"priority": priority}, headers={"If-Match": '"1"'})
        )

    threads = [threading.Thread(target=write, args=(p,)) for p in ("P1", "P4")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in results) == [200, 412]
    winner = next(r for r in results if r.status_code == 200).json()["priority"]
    final = api.call("GET", path, expect=200).json()
    assert (final["priority"], final["version"]) == (winner, 2)


def test_comments_written_at_once_never_conflict(api: Api) -> None:
    ticket = api.ticket()
    path = f"/tickets/{ticket['ticket_id']}/comments"
    tokens = [api.session.token("agent"), api.session.token("supervisor")]
    barrier = threading.Barrier(4)
    results: list[requests.Response] = []

    def comment(index: int) -> None:
        barrier.wait()
        body = {"body": f"note {index}", "visibility": "internal" if index % 2 else "public"}
        results.append(api.call("POST", path, token=tokens[index % 2], json=body))

    threads = [threading.Thread(target=comment, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in results] == [201] * 4, [r.text for r in results]
    listed = api.call("GET", path, expect=200).json()["items"]
    assert sorted(c["body"] for c in listed) == [f"note {i}" for i in range(4)]


def test_a_retried_create_makes_one_ticket(api: Api) -> None:
    customer = api.customer()
    key = unique("create-")
    body = {"type": "request", "subject": "New router", "customer_id": customer["customer_id"]}
    first = api.call("POST", "/tickets", json=body, headers={"Idempotency-Key": key}, expect=201).json()
    again = api.call("POST", "/tickets", json=body, headers={"Idempotency-Key": key}, expect=201).json()
    assert again["ticket_id"] == first["ticket_id"]
    listed = api.call("GET", "/tickets", params={"customer": customer["customer_id"]}, expect=200).json()[
        "items"
    ]
    assert [t["ticket_id"] for t in listed] == [first["ticket_id"]]


def test_a_retried_transition_answers_again_instead_of_failing(api: Api) -> None:
    ticket = api.ticket()
    key = unique("resolve-")
    path = f"/tickets/{ticket['ticket_id']}/transitions"
    headers = {"If-Match": '"1"', "Idempotency-Key": key}
    first = api.call("POST", path, json={"to": "resolved"}, headers=headers, expect=200).json()
    again = api.call("POST", path, json={"to": "resolved"}, headers=headers, expect=200).json()
    assert again == first


def test_list_filters_and_pagination(api: Api) -> None:
    customer = api.customer()
    tickets = [
        api.ticket(customer["customer_id"], type=kind) for kind in ("compliment", "request", "compliment")
    ]
    api.transition(tickets[0], "open")
    compliments = api.call(
        "GET", "/tickets", params={"customer": customer["customer_id"], "type": "compliment"}, expect=200
    ).json()["items"]
    assert [t["ticket_id"] for t in compliments] == [tickets[2]["ticket_id"], tickets[0]["ticket_id"]]
    opened = api.call(
        "GET", "/tickets", params={"customer": customer["customer_id"], "status": "open"}, expect=200
    ).json()
    assert [t["ticket_id"] for t in opened["items"]] == [tickets[0]["ticket_id"]]
    page = api.call(
        "GET", "/tickets", params={"customer": customer["customer_id"], "limit": 2}, expect=200
    ).json()
    rest = api.call(
        "GET",
        "/tickets",
        params={"customer": customer["customer_id"], "limit": 2, "cursor": page["next_cursor"]},
        expect=200,
    ).json()
    assert len(page["items"]) + len(rest["items"]) == 3
    reused = api.call("GET", "/tickets", params={"status": "new", "cursor": page["next_cursor"]}, expect=400)
    assert problem(reused)["field"] == "cursor"
    assert (
        api.call("GET", "/tickets", params={"status": "archived"}, expect=422).json()["field"]
        == "query.status"
    )


def test_manual_and_automatic_assignment_with_reasons(api: Api) -> None:
    customer = api.customer(language="zh")
    ticket = api.ticket(customer["customer_id"], product="router-x")
    path = f"/tickets/{ticket['ticket_id']}/assignment"
    auto = api.call("POST", path, json={"mode": "auto"}, headers={"If-Match": '"1"'}, expect=200).json()
    assert (auto["department"], auto["assignee_id"], auto["status"]) == ("technical", "chen", "open")
    assert "product 'router-x' is handled by technical" in auto["assignment_reason"]
    assert "speaks zh" in auto["assignment_reason"]
    moved = api.call("POST", path, json={"agent_id": "ana"}, headers={"If-Match": '"2"'}, expect=200).json()
    assert (moved["department"], moved["assignee_id"]) == ("billing", "ana")
    queued = api.call(
        "POST", path, json={"department": "general"}, headers={"If-Match": '"3"'}, expect=200
    ).json()
    assert (queued["department"], queued["assignee_id"]) == ("general", None)
    unknown = api.call("POST", path, json={"agent_id": "nobody"}, headers={"If-Match": '"4"'}, expect=422)
    assert problem(unknown)["field"] == "agent_id"
    both = api.call(
        "POST", path, json={"mode": "auto", "agent_id": "ana"}, headers={"If-Match": '"4"'}, expect=422
    )
    assert "mode auto" in problem(both)["detail"]


def test_workload_follows_assignment_and_resolution(api: Api) -> None:
    before = api.call("GET", "/agents/bo", expect=200).json()["open_tickets"]
    ticket = api.ticket()
    assigned = api.call(
        "POST",
        f"/tickets/{ticket['ticket_id']}/assignment",
        json={"agent_id": "bo"},
        headers={"If-Match": '"1"'},
        expect=200,
    ).json()
    assert api.call("GET", "/agents/bo", expect=200).json()["open_tickets"] == before + 1
    api.transition(assigned, "resolved")
    assert api.call("GET", "/agents/bo", expect=200).json()["open_tickets"] == before


def test_create_with_automatic_assignment(api: Api) -> None:
    customer = api.customer(language="nl")
    ticket = api.ticket(customer["customer_id"], category="billing", assign="auto")
    assert (ticket["department"], ticket["assignee_id"]) == ("billing", "ana")
    assert "speaks nl" in ticket["assignment_reason"]


def test_merge_a_duplicate(api: Api) -> None:
    customer = api.customer()
    keep = api.ticket(customer["customer_id"], subject="Router dead")
    dup = api.ticket(customer["customer_id"], subject="Router still dead")
    merged = api.call(
        "POST",
        f"/tickets/{dup['ticket_id']}/merge",
        json={"into": keep["ticket_id"]},
        headers={"If-Match": '"1"'},
        expect=200,
    ).json()
    assert (merged["merged"]["status"], merged["merged"]["disposition"]) == ("closed", "duplicate")
    assert merged["merged"]["merged_into"] == keep["ticket_id"]
    assert merged["into"]["merged_from"] == [dup["ticket_id"]]
    other = api.ticket()
    refused = api.call(
        "POST",
        f"/tickets/{other['ticket_id']}/merge",
        json={"into": keep["ticket_id"]},
        headers={"If-Match": '"1"'},
        expect=409,
    )
    assert "same customer" in problem(refused)["detail"]
    unknown = api.call(
        "POST",
        f"/tickets/{other['ticket_id']}/merge",
        json={"into": "T-999999999"},
        headers={"If-Match": '"1"'},
        expect=422,
    )
    assert problem(unknown)["field"] == "into"


def test_replies_notes_and_the_timeline(api: Api) -> None:
    ticket = api.ticket()
    path = f"/tickets/{ticket['ticket_id']}"
    reply = api.call(
        "POST", f"{path}/comments", json={"body": "Wij bellen u morgen terug."}, expect=201
    ).json()
    note = api.call(
        "POST", f"{path}/comments", json={"body": "Klant is boos", "visibility": "internal"}, expect=201
    ).json()
    assert (reply["author_type"], note["visibility"]) == ("agent", "internal")
    comments = api.call("GET", f"{path}/comments", expect=200).json()["items"]
    assert [c["comment_id"] for c in comments] == [reply["comment_id"], note["comment_id"]]
    assert api.call("GET", path, expect=200).json()["first_responded_at"] == reply["at"]
    timeline = api.call("GET", f"{path}/timeline", expect=200).json()["items"]
    assert [e["kind"] for e in timeline] == ["created", "commented", "commented"]
    assert timeline[0]["actor"] == "agent"


def test_attachments_upload_and_download_through_presigned_urls(api: Api) -> None:
    ticket = api.ticket()
    path = f"/tickets/{ticket['ticket_id']}/attachments"
    content = "Rekening maart 2026 · 三月账单".encode()
    announced = api.call(
        "POST",
        path,
        json={"filename": "rekening maart 三月.txt", "content_type": "text/plain", "size": len(content)},
        expect=201,
    ).json()
    form = announced["upload"]
    uploaded = requests.post(
        form["url"], data=form["fields"], files={"file": ("x", content, "text/plain")}, timeout=30
    )
    assert uploaded.status_code in (200, 204), uploaded.text
    items = api.call("GET", path, expect=200).json()["items"]
    assert [i["attachment_id"] for i in items] == [announced["attachment_id"]]
    download = requests.get(items[0]["download_url"], timeout=30)
    assert download.content == content
    too_big = api.call(
        "POST",
        path,
        json={"filename": "big.pdf", "content_type": "application/pdf", "size": 50_000_000},
        expect=422,
    )
    assert problem(too_big)["field"] == "body.size"
    exe = api.call(
        "POST",
        path,
        json={"filename": "run.exe", "content_type": "application/x-msdownload", "size": 10},
        expect=422,
    )
    assert problem(exe)["field"] == "body.content_type"


def test_an_oversized_body_is_refused_before_parsing(api: Api) -> None:
    response = api.call("POST", "/tickets", data=json.dumps({"subject": "x" * 300_000}), expect=413)
    assert problem(response)["type"] == "urn:contactcenter:problem:payload-too-large"


def test_every_change_is_audited_with_before_and_after(api: Api) -> None:
    ticket = api.ticket()
    api.call(
        "PATCH",
        f"/tickets/{ticket['ticket_id']}",
        json={"priority": "P1"},
        headers={"If-Match": '"1"'},
        expect=200,
    )
    audit = api.session.cloud.client("dynamodb").query(
        TableName=api.session.cloud.resources.tables["audit"],
        KeyConditionExpression="entity = :e",
        ExpressionAttributeValues={":e": {"S": f"ticket#{ticket['ticket_id']}"}},
    )["Items"]
    actions = [item["action"]["S"] for item in audit]
    assert actions == ["ticket.created", "ticket.updated"]
    updated = audit[1]
    assert updated["actor"]["S"] == "agent"
    assert updated["request_id"]["S"]
    # About a customer: before and after are sealed under their data key, and chained.
    assert "before" not in updated and "after" not in updated and updated["sealed"]["S"]
    assert updated["subject"]["S"] == f"customer#{ticket['customer_id']}"
    assert updated["previous"]["S"] == audit[0]["digest"]["S"]
    # The customer's export unseals them.
    exported = api.call("GET", f"/customers/{ticket['customer_id']}/export", as_="supervisor", expect=200)
    record = next(
        r
        for r in exported.json()["audit"]
        if r["entity"] == f"ticket#{ticket['ticket_id']}" and r["action"] == "ticket.updated"
    )
    assert record["before"]["priority"] == "P3" and record["after"]["priority"] == "P1"
