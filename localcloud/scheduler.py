"""EventBridge Scheduler on the local cloud. moto stores schedules but never runs them; this
pump runs the due one-time schedules (at() expressions) as Scheduler does: the target Lambda
is invoked asynchronously with the schedule's input (its own retries and on-failure
destination then apply), and the schedule is deleted after it ran when its
ActionAfterCompletion says DELETE (else disabled). Recurring schedules (rate, cron) are not
run: the product's only recurring one, the deployment canary, is started by hand locally.
"""

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from moto.scheduler.models import Schedule, scheduler_backends

from localcloud.lambda_runtime import LambdaRuntime

OnFailure = Callable[[str, Any, dict[str, Any]], None]


def _due_at(schedule: Schedule) -> datetime | None:
    expression = schedule.schedule_expression
    if not expression.startswith("at(") or schedule.state != "ENABLED":
        return None
    moment = datetime.fromisoformat(expression[3:-1])
    if schedule.schedule_expression_timezone not in (None, "UTC"):
        from zoneinfo import ZoneInfo

        return moment.replace(tzinfo=ZoneInfo(schedule.schedule_expression_timezone)).astimezone(UTC)
    return moment.replace(tzinfo=UTC)


class SchedulerPump:
    def __init__(
        self, runtime: LambdaRuntime, account: str, region: str, on_failure: OnFailure, interval: float = 0.2
    ) -> None:
        self.runtime, self.account, self.region = runtime, account, region
        self.on_failure = on_failure
        self.interval = interval
        self.fired: list[tuple[str, str]] = []  # (group, name) of every schedule run, in order
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="local-scheduler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.run_due()

    def run_due(self, now: datetime | None = None) -> list[str]:
        """Run every schedule due by ``now``; their names."""
        moment = now or datetime.now(UTC)
        backend = scheduler_backends[self.account][self.region]
        ran = []
        with self._lock:
            for group in list(backend.schedule_groups.values()):
                for schedule in list(group.schedules.values()):
                    due = _due_at(schedule)
                    if due is None or due > moment:
                        continue
                    target = schedule.target
                    if target["Arn"].split(":")[2] == "lambda":
                        event = _input(target)
                        self.runtime.dispatch_async(target["Arn"], event, self.on_failure)
                    if schedule.action_after_completion == "DELETE":
                        group.delete_schedule(schedule.name)
                    else:
                        schedule.state = "DISABLED"
                    self.fired.append((group.name, schedule.name))
                    ran.append(schedule.name)
        return ran


def _input(target: dict[str, Any]) -> Any:
    import json

    text = target.get("Input")
    return json.loads(text) if text else {}
