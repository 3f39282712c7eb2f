"""`contactcenter call`: the simulator from the command line, run as a user runs it (its own
process, its own local cloud)."""

import json
import socket
import subprocess
import sys

import pytest

from cli.main import main
from contactcenter.ivr.prompts import PROMPTS

pytestmark = pytest.mark.local_cloud
BASIC_COURSE = ["--keys", "1", "--keys", "12345678#", "--keys", "4321#"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _call(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "cli.main", "call", *arguments, "--port", str(_free_port())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_basic_course_as_json() -> None:
    done = _call(
        "contact_flows/inbound_helpdesk.json",
        "--caller",
        "+31 20 123 4567",
        *BASIC_COURSE,
        "--open",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    call = json.loads(done.stdout)
    assert call["queue"] == "Router X support"
    assert call["priority"] == 1
    assert call["attributes"]["auth_level"] == "full"
    assert call["caller"] == "+31201234567"  # normalised to E.164
    assert "4321" not in json.dumps(call["steps"])  # the PIN is masked in the transcript too


def test_queue_conditions_from_the_command_line_offer_a_callback() -> None:
    done = _call(
        "inbound_helpdesk",
        "--caller",
        "+31201234567",
        *BASIC_COURSE,
        "--keys",
        "1",
        "--open",
        "--wait",
        "router_x=200",
    )
    assert done.returncode == 0, done.stderr
    assert "outcome: callback queued in router_x to +31201234567; caller hung up" in done.stdout
    assert "says: Wilt u teruggebeld worden" in done.stdout


def test_after_hours_from_the_command_line() -> None:
    done = _call(
        "inbound_helpdesk", "--caller", "+31201234567", "--at", "2026-11-22T23:00:00+01:00", "--json"
    )
    assert done.returncode == 0, done.stderr
    call = json.loads(done.stdout)
    assert (call["queue"], call["outcome"]) == (None, "disconnected")
    assert call["prompts"] == [PROMPTS["nl"]["closed"]]


def test_an_unknown_flow_file_is_reported_without_a_traceback() -> None:
    done = _call("contact_flows/nope.json", "--caller", "+31201234567")
    assert done.returncode == 1
    assert "contact_flows/nope.json: no such file or folder" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["call", "inbound_helpdesk"], "the following arguments are required: --caller"),
        (["call", "inbound_helpdesk", "--caller", "+31", "--wait", "nowhere=10"], "QUEUE one of general"),
        (["call", "inbound_helpdesk", "--caller", "+31", "--open", "--closed"], "not allowed with argument"),
        (["call", "inbound_helpdesk", "--caller", "+31", "--at", "tomorrow"], "--at"),
    ],
)
def test_usage_errors_exit_2(arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(arguments)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def test_a_bad_caller_number_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["call", "inbound_helpdesk", "--caller", "not a number"]) == 2
    assert "--caller" in capsys.readouterr().err
