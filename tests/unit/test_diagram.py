"""The state-machine pictures are drawn from the ASL files, and the README shows current ones."""

import json
from pathlib import Path

import pytest

import catalog
from cli.diagram import blocks, diagram, mermaid
from cli.main import main

README = catalog.ROOT / "README.md"


def test_the_readme_shows_the_current_diagram_of_every_workflow() -> None:
    shown = blocks(README)
    assert set(shown) == {"state_machines/complaint.asl.json", "state_machines/callback.asl.json"}
    for file, body in shown.items():
        assert body == f"```mermaid\n{diagram(catalog.ROOT / file)}```\n", (
            f"run contactcenter diagram --update README.md ({file})"
        )


def test_every_state_and_transition_is_drawn() -> None:
    definition = json.loads((catalog.ROOT / "state_machines/complaint.asl.json").read_text())
    drawn = mermaid(definition)
    for name in definition["States"]:
        assert f'"{name}' in drawn
    ids = {name: f"s{i}" for i, name in enumerate(definition["States"])}
    assert f'{ids["Satisfied?"]} -- "outcome = satisfied" --> {ids["Close satisfied"]}' in drawn
    assert f'{ids["Await resolution"]} -. "timed out" .-> {ids["Escalate overdue"]}' in drawn
    assert f"-.-> {ids['Mark failed']}" in drawn  # every step's catch-all, drawn once


def test_the_command_prints_and_refuses_nonsense(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["diagram", "state_machines/callback.asl.json"]) == 0
    assert capsys.readouterr().out.startswith("```mermaid\nflowchart TD\n")
    assert main(["diagram"]) == 2
    assert main(["diagram", str(tmp_path / "missing.asl.json")]) == 2
    document = tmp_path / "doc.md"
    document.write_text("# x\n<!-- diagram: state_machines/callback.asl.json -->\nold\n<!-- /diagram -->\n")
    assert main(["diagram", "--update", str(document)]) == 0
    assert "flowchart TD" in document.read_text()
