"""One full closed loop (happy path) on the local cloud: state transitions (what Step
Functions Standard bills) and the AWS API calls of every function involved, from the
complaint being logged to the satisfied customer's complaint being closed. Also one
scheduled callback that connects on its first attempt.
"""

import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from bench import call_counter

PRICE_PER_TRANSITION_USD = 0.025 / 1000  # Step Functions Standard, eu-central-1 and most regions


def _wait(read: Callable[[], dict[str, Any]], done: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while not done(current := read()):
        assert time.monotonic() < deadline, current
        time.sleep(0.05)
    return current


def _item(session: Any, table: str, key: dict[str, Any]) -> dict[str, Any]:
    """Polled straight from the table (by the benchmark, so not counted as the product's calls)."""
    item = session.cloud.client("dynamodb").get_item(TableName=session.cloud.resources.tables[table], Key=key)
    return {name: next(iter(value.values())) for name, value in item.get("Item", {}).items()}


def _transitions(session: Any, execution_arn: str) -> int:
    history = session.cloud.client("stepfunctions").get_execution_history(
        executionArn=execution_arn, maxResults=1000
    )
    return sum(1 for event in history["events"] if event["type"].endswith("StateEntered"))


def _complaint(session: Any, customer_id: str) -> tuple[int, dict[str, Counter[str]], float]:
    agent = session.token("agent", username="ana")
    billing = session.token("department", department="billing", username="bea")
    started = time.perf_counter()
    body = {"type": "complaint", "subject": "bench", "customer_id": customer_id, "category": "billing"}
    ticket_id = session.http("POST", "/tickets", token=agent, json=body).json()["ticket_id"]

    def ticket() -> dict[str, Any]:
        return _item(session, "tickets", {"ticket_id": {"S": ticket_id}})

    _wait(ticket, lambda t: t.get("workflow_state") == "awaiting_resolution")
    session.http("POST", f"/tickets/{ticket_id}/resolution", token=billing, json={"resolution": "done"})
    _wait(ticket, lambda t: t.get("workflow_state") == "awaiting_follow_up")
    session.http(
        "POST", f"/tickets/{ticket_id}/follow-up", token=agent, json={"outcome": "satisfied", "csat": 5}
    )
    closed = _wait(ticket, lambda t: t["status"] == "closed")
    elapsed = time.perf_counter() - started
    arn = session.cloud.resources.state_machines["complaint"].replace(":stateMachine:", ":execution:")
    session.cloud.wait_for_execution(f"{arn}:{ticket_id}")
    session.cloud.wait_idle()
    assert float(closed["csat"]) == 5, closed
    return _transitions(session, f"{arn}:{ticket_id}"), call_counter.by_function(call_counter.take()), elapsed


def _callback(session: Any) -> tuple[int, dict[str, Counter[str]]]:
    agent = session.token("agent")
    callback = session.http("POST", "/callbacks", token=agent, json={"number": "+31612399999"}).json()
    callback_id = callback["callback_id"]

    def read() -> dict[str, Any]:
        return _item(session, "callbacks", {"callback_id": {"S": callback_id}})

    _wait(read, lambda c: c["status"] == "dialing")
    session.http("POST", f"/callbacks/{callback_id}/outcome", token=agent, json={"outcome": "connected"})
    _wait(read, lambda c: c["status"] == "completed")
    arn = session.cloud.resources.state_machines["callback"].replace(":stateMachine:", ":execution:")
    session.cloud.wait_for_execution(f"{arn}:{callback_id}")
    session.cloud.wait_idle()
    return _transitions(session, f"{arn}:{callback_id}"), call_counter.by_function(call_counter.take())


def _print_calls(calls: dict[str, Counter[str]]) -> None:
    for function, counted in sorted(calls.items()):
        listed = ", ".join(f"{k} x{v}" if v > 1 else k for k, v in sorted(counted.items()))
        print(f"  {function.removeprefix('contactcenter-'):<20}{sum(counted.values()):>5}  {listed}")
    print(f"  {'total':<20}{sum(sum(c.values()) for c in calls.values()):>5}")


def main(port: int = 5258, runs: int = 3) -> None:
    call_counter.install()
    from localcloud.seed import seed
    from localcloud.session import LocalSession

    with LocalSession.start(port=port, api_port=0) as session:
        customers = seed(session)
        session.cloud.wait_idle()
        call_counter.take()
        loops = [_complaint(session, customers["12345678"]) for _ in range(runs)]
        callback = _callback(session)

    transitions, calls, _ = loops[-1]
    cost = transitions * PRICE_PER_TRANSITION_USD
    print("\nClosed loop, happy path (logged, acknowledged, dispatched, resolved, followed up, closed)")
    print(f"  state transitions: {transitions}  (Step Functions Standard: ${cost:.6f} per complaint)")
    wall = statistics.median(loop[2] for loop in loops)
    print(f"  wall time on the local cloud: median {wall:.2f} s of {runs} loops")
    print("  AWS API calls, by function:")
    _print_calls(calls)
    print(f"\nScheduled callback, connected on the first attempt: {callback[0]} state transitions")
    _print_calls(callback[1])


if __name__ == "__main__":
    main()
    sys.exit(0)
