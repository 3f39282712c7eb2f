"""What the action modules share: the handler's shape."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from localcloud.flow_language import Flow
from localcloud.flow_run import Run

if TYPE_CHECKING:
    from localcloud.flow_simulator import FlowSimulator

Action = dict[str, Any]
Parameters = dict[str, Any]
Handler = Callable[["FlowSimulator", Flow, Run, Action, Parameters], str | None]
