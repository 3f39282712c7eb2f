"""The IVR: AWS API calls per Connect function request, and the simulator's time for the
full basic course (UC17 steps 1-8) through the real flow and the real functions.

Targets (issue 4): account lookup 1 call, PIN verification at most 2, routing at most 2
excluding Connect's metrics call.
"""

import json
import statistics
import sys
import time
from collections import Counter
from typing import Any

from bench import call_counter

TARGETS = {
    "account lookup": 1,
    "PIN verification (right)": 2,
    "PIN verification (wrong)": 2,
    "routing": 2,
    "routing (existing issue)": 2,
}
METRICS_CALL = "connect:GetCurrentMetricData"
ACCOUNT, PIN, CALLER = "12345678", "4321", "+31201234567"


def _calls_per_request(session: Any, customer_id: str) -> list[tuple[str, Counter[str]]]:
    from localcloud.connect import contact_flow_event

    cloud = session.cloud
    lam = cloud.client("lambda")
    instance = cloud.connect.instance_arn

    def invoke(function: str, parameters: dict[str, str]) -> Counter[str]:
        event = contact_flow_event(parameters, caller=CALLER, instance_arn=instance)
        response = lam.invoke(FunctionName=f"contactcenter-{function}", Payload=json.dumps(event).encode())
        answer = json.loads(response["Payload"].read())
        assert "FunctionError" not in response, answer
        return call_counter.by_function(call_counter.take()).get(f"contactcenter-{function}", Counter())

    invoke("ivr_auth", {"action": "identify"})  # warm both functions: cold-start calls are not counted
    invoke("routing", {"auth_level": "none"})
    call_counter.take()
    profile = {"customer_id": customer_id, "products": "router-x", "tier": "vip", "auth_level": "full"}
    return [
        ("caller identification (ANI)", invoke("ivr_auth", {"action": "identify"})),
        ("account lookup", invoke("ivr_auth", {"action": "lookup_account", "account_number": ACCOUNT})),
        (
            "PIN verification (right)",
            invoke("ivr_auth", {"action": "verify_pin", "account_number": ACCOUNT, "pin": PIN}),
        ),
        (
            "PIN verification (wrong)",
            invoke("ivr_auth", {"action": "verify_pin", "account_number": "34567890", "pin": "0000"}),
        ),
        ("routing", invoke("routing", {**profile, "intent": "new"})),
        ("routing (existing issue)", invoke("routing", {**profile, "intent": "existing"})),
    ]


def _basic_course(session: Any, runs: int) -> dict[str, float]:
    cloud = session.cloud
    cloud.connect.open_override = True
    simulator, flow = cloud.simulator(), cloud.flow_arn("inbound_helpdesk")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call = simulator.call(flow, caller=CALLER, inputs=["1", f"{ACCOUNT}#", f"{PIN}#"])
        times.append((time.perf_counter() - started) * 1000)
        assert call.attributes["auth_level"] == "full" and call.queue == "Router X support", call
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[max(0, round(0.95 * len(times)) - 1)],
        "max": times[-1],
    }


def main(port: int = 5257, runs: int = 30) -> None:
    call_counter.install()
    from localcloud.seed import seed
    from localcloud.session import LocalSession

    with LocalSession.start(port=port, api_port=0) as session:
        customers = seed(session)
        session.cloud.wait_idle()
        call_counter.take()
        rows = _calls_per_request(session, customers[ACCOUNT])
        course = _basic_course(session, runs)

    print("\nIVR: AWS API calls per Connect function request (warm)")
    print(f"{'request':<32}{'calls':>6}{'target':>8}  calls")
    for name, calls in rows:
        counted = sum(n for call, n in calls.items() if call != METRICS_CALL)
        target = TARGETS.get(name)
        mark = "" if target is None or counted <= target else "  (over target)"
        listed = ", ".join(f"{k} x{v}" if v > 1 else k for k, v in sorted(calls.items()))
        print(f"{name:<32}{counted:>6}{target if target else '-':>8}  {listed}{mark}")
    print(f"(routing's {METRICS_CALL} is not counted against its target)")
    print(
        f"\nSimulator, full basic course (menu, account, PIN, routing, queue flow), {runs} calls: "
        f"median {course['median']:.0f} ms, p95 {course['p95']:.0f} ms, max {course['max']:.0f} ms"
    )


if __name__ == "__main__":
    main()
    sys.exit(0)
