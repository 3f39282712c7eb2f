"""What simulated people do, drawn from one seeded random source: when contacts arrive
(Poisson), how long conversations, holds and after-contact work take (lognormal, as handle
times are skewed), how long a customer waits before hanging up (exponential patience), what
they key in the IVR."""

import math
import random
from dataclasses import dataclass

# The demo's customers (localcloud.seed): account number and PIN
CALLERS = (
    ("12345678", "4321", "+31201234567"),
    ("23456789", "2468", "+8613812345678"),
    ("34567890", "1357", "+82221234567"),
)


@dataclass(frozen=True)
class Behaviour:
    talk_median: float = 240.0  # seconds, a call's conversation
    chat_median: float = 420.0
    spread: float = 0.6  # the lognormal's sigma
    hold_chance: float = 0.3
    hold_median: float = 40.0
    acw_median: float = 30.0
    patience_mean: float = 180.0  # seconds a caller waits before hanging up
    chat_patience_mean: float = 420.0
    callback_chance: float = 0.3  # a caller offered a callback takes it
    breaks_per_agent: float = 0.5  # chance an agent takes one break of ``break_seconds``
    break_seconds: float = 600.0


class People:
    def __init__(self, seed: int, behaviour: Behaviour | None = None) -> None:
        self.random = random.Random(seed)  # noqa: S311 - simulated people, not secrets
        self.behaviour = behaviour or Behaviour()

    def gap(self, per_hour: float) -> float:
        """Seconds to the next arrival of a Poisson stream of ``per_hour`` contacts."""
        return self.random.expovariate(per_hour / 3600.0) if per_hour > 0 else math.inf

    def _lognormal(self, median: float) -> float:
        return self.random.lognormvariate(math.log(median), self.behaviour.spread)

    def talk(self, channel: str) -> float:
        return self._lognormal(
            self.behaviour.chat_median if channel == "CHAT" else self.behaviour.talk_median
        )

    def hold(self) -> float:
        return (
            self._lognormal(self.behaviour.hold_median)
            if self.random.random() < self.behaviour.hold_chance
            else 0.0
        )

    def acw(self) -> float:
        return self._lognormal(self.behaviour.acw_median)

    def patience(self, channel: str) -> float:
        mean = self.behaviour.chat_patience_mean if channel == "CHAT" else self.behaviour.patience_mean
        return self.random.expovariate(1 / mean)

    def caller(self) -> tuple[str, list[str]]:
        """A caller's number and keys: a new issue, account number, PIN, and the answer to a
        callback offer (if the queue flow makes one)."""
        account, pin, phone = self.random.choice(CALLERS)
        callback = "1" if self.random.random() < self.behaviour.callback_chance else "2"
        return phone, ["1", f"{account}#", f"{pin}#", callback]

    def a_break(self, duration: float) -> float | None:
        """When in the run an agent goes on break (None: no break)."""
        if self.random.random() >= self.behaviour.breaks_per_agent:
            return None
        return self.random.uniform(0, max(duration - self.behaviour.break_seconds, 0))
