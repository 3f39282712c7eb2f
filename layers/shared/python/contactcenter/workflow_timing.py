"""How long the closed loop and the callbacks wait, from configuration.

The state machines read every duration from their input, which their starters fill in from
these settings: AWS runs with hours and days, the local cloud with seconds, and both run the
same ASL files.
"""

from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, Field, PositiveInt


class ComplaintTiming(BaseModel):
    """``CC_WORKFLOW_TIMING``: the complaint workflow's durations and limits."""

    # How long a department has to resolve a dispatched complaint, by priority; then it escalates.
    resolution_timeout_seconds: dict[str, PositiveInt] = Field(
        default_factory=lambda: {"P1": 4 * 3600, "P2": 8 * 3600, "P3": 24 * 3600, "P4": 72 * 3600}
    )
    follow_up_timeout_seconds: PositiveInt = 2 * 24 * 3600  # for the agent to record the call's outcome
    follow_up_attempts: PositiveInt = 3  # calls that find nobody before closing as unreachable
    follow_up_retry_seconds: PositiveInt = 2 * 3600  # before the second call; then times the backoff
    follow_up_backoff: float = Field(default=2.0, ge=1.0)
    max_rounds: PositiveInt = 2  # dispatches of one complaint before a supervisor takes it
    follow_up_queue: str = "general"  # where the follow-up call task goes

    def resolution_timeout(self, priority: str) -> int:
        return self.resolution_timeout_seconds.get(priority, max(self.resolution_timeout_seconds.values()))


class CallbackTiming(BaseModel):
    """``CC_CALLBACK_TIMING``: callback attempts."""

    max_attempts: PositiveInt = 3
    retry_delay_seconds: PositiveInt = 15 * 60  # before the second attempt; then times the backoff
    backoff: float = Field(default=2.0, ge=1.0)
    attempt_timeout_seconds: PositiveInt = 4 * 3600  # for the attempt's outcome to be recorded


def retry_delay(base_seconds: int, backoff: float, attempts_so_far: int) -> float:
    """Seconds to wait after ``attempts_so_far`` unsuccessful attempts (exponential backoff)."""
    return float(base_seconds * backoff ** max(0, attempts_so_far - 1))


def wait_until(moment: datetime) -> str:
    """A Wait state's TimestampPath value for ``moment``: whole seconds (Step Functions waits
    to the second), rounded up with a second to spare, so the wait never ends before it."""
    whole = moment.astimezone(UTC).replace(microsecond=0) + timedelta(seconds=2 if moment.microsecond else 1)
    return whole.strftime("%Y-%m-%dT%H:%M:%SZ")
