"""EventBridge rule targets moto does not deliver to: Lambda functions and state machines.

moto delivers matching events to SQS, logs and other buses, and raises for any other target.
Here a rule's Lambda target is invoked asynchronously through the local runtime (with
Lambda's async retries and dead-letter handling), and a state-machine target starts an
execution, as EventBridge does. Input, InputPath and InputTransformer are honoured.
"""

import copy
import functools
import json
import re
from collections.abc import Callable
from typing import Any

from jsonpath_ng.ext.parser import parse as jsonpath  # moto's own dependency
from moto.events.models import Rule

from localcloud.lambda_runtime import LambdaRuntime, OnFailure

_HANDLED = ("lambda", "states", "firehose")
# A Firehose target's records: (delivery stream ARN, the record) -> delivered.
StreamSink = Callable[[str, Any], None]
_original_send_to_targets = Rule.send_to_targets


def _service(target: dict[str, Any]) -> str:
    return str(target["Arn"].split(":")[2])


def _first(path: str, event: dict[str, Any]) -> Any:
    matches = jsonpath(path).find(event)
    return matches[0].value if matches else None


def _transform(template: str, paths: dict[str, str], event: dict[str, Any]) -> Any:
    """EventBridge's input transformer: a placeholder in a JSON template takes the value as
    JSON (strings quoted); inside quotes it takes the value's text. (moto inserts strings
    unquoted, which breaks JSON templates.)"""
    values = {name: _first(path, event) for name, path in paths.items()}
    values["aws.events.event.json"] = event

    def quoted(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return json.dumps(value if isinstance(value, str) else json.dumps(value))

    def bare(match: re.Match[str]) -> str:
        return json.dumps(values.get(match.group(1)))

    rendered = re.sub(r'"<([A-Za-z0-9_.\-]+)>"', quoted, template)
    rendered = re.sub(r"<([A-Za-z0-9_.\-]+)>", bare, rendered)
    try:
        return json.loads(rendered)
    except json.JSONDecodeError:
        return rendered  # a plain-text template delivers a string


def _target_input(target: dict[str, Any], event: dict[str, Any]) -> Any:
    if "Input" in target:
        return json.loads(target["Input"])
    if "InputPath" in target:
        return _first(target["InputPath"], event)
    if "InputTransformer" in target:
        transformer = target["InputTransformer"]
        return _transform(transformer["InputTemplate"], transformer.get("InputPathsMap", {}), event)
    return event


def _start_execution(client: Callable[[str], Any], arn: str, body: str) -> Callable[[], Any]:
    return lambda: client("stepfunctions").start_execution(stateMachineArn=arn, input=body)


def install(
    runtime: LambdaRuntime, client: Callable[[str], Any], on_failure: OnFailure, streams: StreamSink
) -> None:
    """Deliver to Lambda, Step Functions and Firehose targets from now on (idempotent).

    ``client(service)`` gives a client of the local cloud; ``on_failure`` receives an event a
    Lambda target still failed on after the retries; ``streams`` takes a Firehose target's
    records (the local lake's feeds).
    """

    # The rule is named ``self`` as in moto's method, so mypy sees the same signature.
    def send_to_targets(self: Rule, original_event: Any, transform_input: bool = True) -> None:
        if not self.event_pattern.matches_event(original_event):
            return
        ours = [t for t in self.targets if _service(t) in _HANDLED]
        theirs = [t for t in self.targets if _service(t) not in _HANDLED]
        for target in ours:
            payload = _target_input(target, original_event)
            if _service(target) == "lambda":
                runtime.dispatch_async(target["Arn"], payload, on_failure)
            elif _service(target) == "firehose":
                runtime.dispatch(functools.partial(streams, target["Arn"], payload))
            else:
                # EventBridge names the execution itself; a workflow that must run once per
                # business key is started by a function that names it.
                runtime.dispatch(_start_execution(client, target["Arn"], json.dumps(payload)))
        if theirs:
            view = copy.copy(self)
            view.targets = theirs
            _original_send_to_targets(view, original_event, transform_input)

    Rule.send_to_targets = send_to_targets  # type: ignore[method-assign]


def uninstall() -> None:
    Rule.send_to_targets = _original_send_to_targets  # type: ignore[method-assign]
