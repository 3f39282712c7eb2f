"""`make bench` measures every function: each has a representative event."""

import catalog
from bench.events import EVENTS


def test_every_function_has_a_bench_event() -> None:
    assert set(EVENTS) == {spec.name for spec in catalog.FUNCTIONS}
