"""Pictures of the state machines for the docs, drawn from their ASL files (Mermaid flowcharts,
which GitHub renders): `contactcenter diagram FILE`, and `--update README.md` to refresh the
blocks between ``<!-- diagram: FILE -->`` and ``<!-- /diagram -->``."""

import json
import re
from pathlib import Path
from typing import Any

from catalog import ROOT

_BLOCK = re.compile(r"(<!-- diagram: (?P<file>[^ ]+) -->\n)(?P<body>.*?)(<!-- /diagram -->)", re.DOTALL)
_RULES = {
    "StringEquals": "=",
    "NumericEquals": "=",
    "BooleanEquals": "=",
    "NumericGreaterThan": ">",
    "NumericLessThan": "<",
    "IsPresent": "present",
}


def _condition(choice: dict[str, Any]) -> str:
    for rule, symbol in _RULES.items():
        if rule in choice:
            variable = str(choice["Variable"]).rsplit(".", 1)[-1]
            value = choice[rule]
            shown = str(value).lower() if isinstance(value, bool) else str(value)
            return f"{variable} {symbol} {shown}".replace('"', "'")
    return "condition"


def _shape(node: str, name: str, state: dict[str, Any]) -> str:
    label = name.replace('"', "'")
    kind = state["Type"]
    if kind == "Choice":
        return f'{node}{{"{label}"}}'
    if kind == "Wait":
        return f'{node}[/"{label}"/]'
    if kind in ("Succeed", "Fail"):
        return f'{node}(["{label}"])'
    if kind == "Task" and str(state.get("Resource", "")).endswith(".waitForTaskToken"):
        return f'{node}[["{label} (waits for an answer)"]]'
    return f'{node}["{label}"]'


def mermaid(definition: dict[str, Any]) -> str:
    states: dict[str, dict[str, Any]] = definition["States"]
    ids = {name: f"s{index}" for index, name in enumerate(states)}
    lines = ["flowchart TD", f"    start((start)) --> {ids[definition['StartAt']]}"]
    lines += [f"    {_shape(ids[name], name, state)}" for name, state in states.items()]
    catch_all: dict[str, set[str]] = {}
    for name, state in states.items():
        node = ids[name]
        if "Next" in state:
            lines.append(f"    {node} --> {ids[state['Next']]}")
        for choice in state.get("Choices", []):
            lines.append(f'    {node} -- "{_condition(choice)}" --> {ids[choice["Next"]]}')
        if "Default" in state:
            lines.append(f'    {node} -- "otherwise" --> {ids[state["Default"]]}')
        for catch in state.get("Catch", []):
            if catch["ErrorEquals"] == ["States.ALL"]:
                catch_all.setdefault(catch["Next"], set()).add(name)
            else:
                errors = ", ".join("timed out" if e == "States.Timeout" else e for e in catch["ErrorEquals"])
                lines.append(f'    {node} -. "{errors}" .-> {ids[catch["Next"]]}')
    for target, sources in catch_all.items():
        # Every step that retries and then gives up goes to the same place: drawn once.
        lines.append(
            f'    failing(("any of {len(sources)} steps fails after its retries")) -.-> {ids[target]}'
        )
    return "\n".join(lines) + "\n"


def diagram(path: Path) -> str:
    return mermaid(json.loads(path.read_text(encoding="utf-8")))


def update(document: Path) -> bool:
    """Refresh every diagram block in ``document``; whether anything changed."""
    text = document.read_text(encoding="utf-8")

    def fresh(match: re.Match[str]) -> str:
        body = f"```mermaid\n{diagram(ROOT / match['file'])}```\n"
        return f"{match.group(1)}{body}{match.group(4)}"

    updated = _BLOCK.sub(fresh, text)
    if updated != text:
        document.write_text(updated, encoding="utf-8")
    return updated != text


def blocks(document: Path) -> dict[str, str]:
    """The diagram blocks of ``document``, by ASL file."""
    return {m["file"]: m["body"] for m in _BLOCK.finditer(document.read_text(encoding="utf-8"))}
