"""Documented actions the local cloud cannot honour (``flow_reference.UNAVAILABLE``): Voice ID,
Amazon Q in Connect, outbound chat, chat message processing. The block still runs: it takes
its NoMatchingError branch, as Connect does when the feature fails, and the transcript says
why. (The check refuses such a block when it has no NoMatchingError branch.)"""

from typing import TYPE_CHECKING

from localcloud.flow_actions.base import Action, Handler, Parameters
from localcloud.flow_language import Flow
from localcloud.flow_reference import UNAVAILABLE
from localcloud.flow_run import Run

if TYPE_CHECKING:
    from localcloud.flow_simulator import FlowSimulator


def unavailable(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    kind = action["Type"]
    line = f"{kind} is not available locally ({UNAVAILABLE[kind]}): error branch"
    run.log(action["Identifier"], "unavailable", line, reason=UNAVAILABLE[kind])
    return "error:NoMatchingError"


HANDLERS: dict[str, Handler] = dict.fromkeys(UNAVAILABLE, unavailable)
