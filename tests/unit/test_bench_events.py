"""`make bench` measures every function: each has a representative event."""

from bench.events import EVENTS
from infra import catalog


def test_every_function_has_a_bench_event() -> None:
    assert set(EVENTS) == {spec.name for spec in catalog.FUNCTIONS}
