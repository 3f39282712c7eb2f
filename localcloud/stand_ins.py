"""Stand-in Lambda functions for flows that call functions the product does not have.

``contactcenter call --lambda NAME_OR_ARN=answer.json`` answers with the file's JSON;
``--lambda NAME_OR_ARN=stand_in.py`` runs the file's ``handler(event, context)``. A function
that is neither a stand-in nor a local function fails as Connect sees it fail (the block's
error branch, with the reason in the transcript), never a crash; and an ARN of another
account or region is never served by a local function of the same name.
"""

import importlib.util
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

Invoke = Callable[[str, dict[str, Any]], tuple[Any, str | None]]
"""(function ARN, event) -> (payload, function error or None)."""
StandIn = Callable[[dict[str, Any]], Any]


class StandInError(ValueError):
    """A --lambda option that cannot be read."""


def function_name(reference: str) -> str:
    """The function's name in an ARN (``arn:aws:lambda:r:a:function:NAME[:alias]``) or a name."""
    parts = reference.split(":")
    if reference.startswith("arn:") and len(parts) >= 7:
        return parts[6]
    return reference


def _home(reference: str) -> tuple[str, str] | None:
    parts = reference.split(":")
    return (parts[3], parts[4]) if reference.startswith("arn:") and len(parts) >= 6 else None


def invoke_function(
    reference: str,
    event: dict[str, Any],
    stand_ins: Mapping[str, StandIn],
    invoke: Invoke,
    instance_arn: str,
) -> tuple[Any, str | None]:
    """Call the function a flow names: its stand-in, else the local function (same account and
    region as the local Connect instance only); (payload, error) either way."""
    name = function_name(reference)
    stand_in = stand_ins.get(reference) or stand_ins.get(name)
    if stand_in is not None:
        try:
            return stand_in(event), None
        except Exception as error:  # noqa: BLE001 - a failing stand-in is a failing function
            return None, f"Unhandled ({type(error).__name__}: {error})"
    home, local = _home(reference), _home(instance_arn)
    if home is not None and local is not None and home != local:
        region, account = home
        return None, (
            f"ResourceNotFoundException (function {name} is in account {account}, region {region}; "
            "the local cloud has no such function: give it a stand-in with --lambda)"
        )
    try:
        return invoke(reference, event)
    except Exception as error:  # noqa: BLE001 - Connect takes the error branch on any failure
        code = getattr(error, "response", {}).get("Error", {}).get("Code") or type(error).__name__
        return None, f"{code} (no local function {name}: give it a stand-in with --lambda)"


def load_stand_in(text: str) -> tuple[str, StandIn]:
    """``NAME_OR_ARN=answer.json`` or ``NAME_OR_ARN=stand_in.py`` -> (key, stand-in)."""
    key, equals, location = text.rpartition("=")
    if not equals or not key or not location:
        raise StandInError(f"expected NAME_OR_ARN=answer.json or NAME_OR_ARN=stand_in.py, not {text!r}")
    path = Path(location)
    if not path.is_file():
        raise StandInError(f"--lambda {key}: no file {location}")
    if path.suffix == ".py":
        spec = importlib.util.spec_from_file_location(f"stand_in_{path.stem}", path)
        if spec is None or spec.loader is None:
            raise StandInError(f"--lambda {key}: cannot load {location}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        handler = getattr(module, "handler", None)
        if not callable(handler):
            raise StandInError(f"--lambda {key}: {location} has no handler(event, context)")
        return key, lambda event: handler(event, None)
    try:
        answer = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise StandInError(f"--lambda {key}: {location} is not JSON ({error})") from None
    return key, lambda event: answer
