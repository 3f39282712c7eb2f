"""Any flow file runs: every action and flow type (tests/flows/files), public sample flows
unchanged (tests/flows/samples), stand-in functions, and the checks made before booting."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from localcloud.flow_files import FlowFile, read_flows
from localcloud.flow_run import CallResult
from localcloud.flow_simulator import FlowSimulator
from localcloud.session import LocalSession
from localcloud.stand_ins import StandIn, load_stand_in
from tests.flows.conftest import Phone

pytestmark = pytest.mark.local_cloud
FILES = Path(__file__).parent / "files"
SAMPLES = Path(__file__).parent / "samples"


def _simulator(local: LocalSession, folder: Path) -> tuple[FlowSimulator, dict[str, str]]:
    files, problems = read_flows(folder)
    assert problems == []
    simulator = local.cloud.simulator()
    connect = local.cloud.connect
    arns = {file.key: connect.flow_arn(f"file-{file.key}") for file in files}
    aliases = {alias: arns[file.key] for file in files for alias in file.aliases}
    simulator.add_flows({arns[f.key]: f.flow for f in files}, {arns[f.key]: f.key for f in files}, aliases)
    return simulator, arns


def _call(
    local: LocalSession,
    folder: Path,
    start: str,
    views: list[str] | None = None,
    stand_ins: dict[str, StandIn] | None = None,
) -> CallResult:
    simulator, arns = _simulator(local, folder)
    simulator.stand_ins.update(stand_ins or {})
    return simulator.call(arns[start], caller="+31201234567", views=views or [])


def test_every_new_action_type_runs_and_a_foreign_function_takes_the_error_branch(phone: Phone) -> None:
    result = _call(phone.session, FILES, "every_action", views=["Submit"])
    assert result.outcome == "disconnected"
    assert result.tags == {"team": "sales"}
    assert "Hello, Jan." in result.prompts()  # a sentence ending in a path
    assert "This is the module speaking." in result.prompts()
    assert result.prompts()[-1] == "The CRM is not answering."
    failed = next(s for s in result.steps if s.action == "Lookup")
    assert "account 999999999999, region eu-west-3" in failed.text
    assert result.tasks[0]["Name"] == "Call Jan back"
    every_block = {s.action for s in result.steps}
    assert {"Tag", "Untag", "FlowAttr", "Size", "Split", "Wait", "Guide", "Criteria"} <= every_block


def test_a_stand_in_answers_for_the_foreign_function(phone: Phone) -> None:
    key, stand_in = load_stand_in(f"crm-lookup={Path(__file__).parent / 'stand_ins' / 'crm_answer.json'}")
    result = _call(phone.session, FILES, "every_action", views=["Submit"], stand_ins={key: stand_in})
    assert "Your tier is gold." in result.prompts()


def test_a_view_without_a_scripted_choice_times_out(phone: Phone) -> None:
    result = _call(phone.session, FILES, "every_action")
    guide = [s for s in result.steps if s.action == "Guide"]
    assert "no choice scripted" in guide[0].text
    assert result.outcome == "disconnected"


@pytest.mark.parametrize(
    ("start", "kind"), [("agent_whisper", "AGENT_WHISPER"), ("customer_hold", "CUSTOMER_HOLD")]
)
def test_whisper_and_hold_flows_run(phone: Phone, start: str, kind: str) -> None:
    files, _ = read_flows(FILES)
    assert next(f for f in files if f.key == start).flow.flow_type == kind
    result = _call(phone.session, FILES, start)
    assert result.outcome in ("ended", "waiting")
    assert result.steps


def test_the_public_sample_flows_run_unchanged(phone: Phone) -> None:
    result = _call(phone.session, SAMPLES, "simple_survey")
    assert result.prompts()[0] == "Welcome to the simple survey demonstration."
    assert any("CustomerRemaining flow: survey_disconnect" in s.text for s in result.steps)
    assert result.outcome == "disconnected"  # its queue is another instance's: the error branch
    disconnect = _call(phone.session, SAMPLES, "survey_disconnect")
    assert any("module" in s.text and "not found" in s.text for s in disconnect.steps)


def _command(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "cli.main", "call", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_problem_is_reported_before_anything_boots(tmp_path: Path) -> None:
    broken = json.loads((FILES / "every_action.json").read_text(encoding="utf-8"))
    broken["Actions"][0]["Type"] = "PlayPromptFromS3"
    broken["Actions"][1]["Type"] = "CheckVoiceId"
    broken["Actions"][2]["Transitions"]["NextAction"] = "Nowhere"
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    started = time.perf_counter()
    done = _command(str(tmp_path / "broken.json"), "--caller", "+31201234567")
    assert time.perf_counter() - started < 10  # no local cloud was booted
    assert done.returncode == 1
    assert "3 problems, nothing was run" in done.stderr
    assert "PlayPromptFromS3" in done.stderr and "Voice ID" in done.stderr and "Nowhere" in done.stderr


def test_a_flow_file_read_as_describe_contact_flow_prints_it(tmp_path: Path) -> None:
    content = (FILES / "agent_whisper.json").read_text(encoding="utf-8")
    wrapped = {"ContactFlow": {"Id": "abc", "Name": "Whisper", "Type": "AGENT_WHISPER", "Content": content}}
    (tmp_path / "described.json").write_text(json.dumps(wrapped), encoding="utf-8")
    files, problems = read_flows(tmp_path / "described.json")
    assert problems == []
    assert isinstance(files[0], FlowFile)
    assert files[0].flow.flow_type == "AGENT_WHISPER"
    assert "abc" in files[0].aliases
