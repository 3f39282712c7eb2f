"""What the live monitor costs in Connect calls: supervisors watching GET /monitor/queues on the
local cloud, each polling every POLL seconds, the Connect calls counted per watching supervisor
per minute, with the shared snapshot (CC_MONITOR_CACHE_SECONDS=5, as deployed) and without it
(every request asking Connect itself, as a monitor without the shared snapshot would).

python -m bench.monitor [--seconds 30] [--port 5271]
"""

import argparse
import os
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from typing import Any

POLL = 2.0  # seconds between one supervisor's requests (a dashboard's refresh)
WATCHERS = (1, 10, 25)
CACHE_SECONDS = "5"  # the deployed default


def _watch(session: Any, token: str, until: float, answers: Counter[int]) -> None:
    while time.monotonic() < until:
        started = time.monotonic()
        answers[session.http("GET", "/monitor/queues", token=token).status_code] += 1
        time.sleep(max(0.0, POLL - (time.monotonic() - started)))


def _connect_calls(taken: list[tuple[str, str, str]]) -> int:
    return sum(
        1 for function, call, _ in taken if function.endswith("api_monitor") and call.startswith("connect:")
    )


def main(seconds: float = 30.0, port: int = 5271) -> dict[str, Any]:
    from bench import call_counter

    call_counter.install()
    from localcloud.contact_center import ContactCenter
    from localcloud.provision import physical_name
    from localcloud.session import LocalSession

    figures: dict[str, Any] = {}
    with LocalSession.start(port=port, api_port=0) as session:
        connect = session.cloud.connect
        connect.center = ContactCenter()
        connect.use_model()
        for n in range(40):  # a mid-size shift: 40 agents, a few contacts waiting
            name = f"bench-agent-{n}"
            connect.center.add_agent(name)
            connect.center.login(name, ("help_desk", "billing", "technical")[n % 3])
            connect.center.set_status(name, "Available" if n % 4 else "Break")
        for n in range(45):
            connect.center.enqueue(f"bench-contact-{n}", "VOICE", ("general", "billing", "router_x")[n % 3])
        lambda_ = session.cloud.client("lambda")
        name = physical_name("api_monitor")
        environment = lambda_.get_function_configuration(FunctionName=name)["Environment"]["Variables"]
        lambda_.update_function_configuration(
            FunctionName=name,
            Environment={"Variables": {**environment, "CC_MONITOR_CACHE_SECONDS": CACHE_SECONDS}},
        )
        token = session.token("supervisor")
        print(f"\nLive monitor: supervisors polling GET /monitor/queues every {POLL:g} s for {seconds:g} s")
        heading = f"{'requests':>9} {'Connect calls':>14} {'per watcher per min':>20} {'total per min':>14}"
        print(f"  {'watchers':>8} {heading}")
        session.http("GET", "/monitor/queues", token=token)  # the first snapshot, and a warm function
        for watchers in WATCHERS:
            time.sleep(int(CACHE_SECONDS) + 0.5)  # the last run's snapshot goes stale
            call_counter.take()
            answers: Counter[int] = Counter()
            until = time.monotonic() + seconds
            threads = [
                threading.Thread(target=_watch, args=(session, token, until, answers))
                for _ in range(watchers)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            calls = _connect_calls(call_counter.take())
            per_minute = calls * 60 / seconds
            figures[f"shared_{watchers}"] = {
                "requests": sum(answers.values()),
                "calls": calls,
                "statuses": dict(answers),
            }
            row = f"{sum(answers.values()):>9} {calls:>14} {per_minute / watchers:>20.1f} {per_minute:>14.1f}"
            print(f"  {watchers:>8} {row}")
        # Without the shared snapshot: every request makes the snapshot's calls itself.
        from contactcenter.monitor.settings import MonitorSettings

        call_counter.take()
        os.environ["AWS_LAMBDA_FUNCTION_NAME"] = "bench-api_monitor"  # attribute the direct calls
        try:
            settings = MonitorSettings.model_validate(environment)
            shot = settings.live_monitor().live.snapshot(datetime.now(UTC))
        finally:
            del os.environ["AWS_LAMBDA_FUNCTION_NAME"]
        per_request = _connect_calls(call_counter.take())
        assert per_request == shot.calls, (per_request, shot.calls)
        unshared = per_request * 60 / POLL
        figures["unshared_per_watcher_per_minute"] = unshared
        print(
            f"  without the shared snapshot: {per_request} Connect calls a request, "
            f"{unshared:.0f} per watcher per minute "
            f"({unshared * max(WATCHERS):.0f} a minute for {max(WATCHERS)} watchers)"
        )
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--port", type=int, default=5271)
    options = parser.parse_args()
    main(options.seconds, options.port)
