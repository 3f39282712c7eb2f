"""``contactcenter demo``: the product's end-to-end scenario on the local cloud, as a transcript.

Each chapter is a module with ``run(session, transcript)``; chapters run in order and each
asserts what it shows, so a demo that prints is a demo that worked.
"""

import time
from collections.abc import Callable

from cli.demo import callers, closed_loop, foundation, knowledge, reports, sla, tickets
from cli.demo.transcript import DemoFailed, Transcript
from localcloud.session import LocalSession

CHAPTERS: tuple[Callable[[LocalSession, Transcript], None], ...] = (
    foundation.run,
    callers.run,
    tickets.run,
    closed_loop.run,
    sla.run,
    knowledge.run,
    reports.run,
)


__all__ = ["CHAPTERS", "DemoFailed", "run_demo"]


def run_demo(session: LocalSession, transcript: Transcript) -> None:
    started = time.perf_counter()
    for chapter in CHAPTERS:
        chapter(session, transcript)
    transcript.done(f"demo complete in {time.perf_counter() - started:.1f} s")
