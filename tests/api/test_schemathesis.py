"""schemathesis against the local API, with every check it has, once per role.

Each role runs every phase (examples, coverage, fuzzing and the stateful phase) with all checks
(``--checks all``: server errors, status codes, content types, headers and schemas, negative
and positive data, missing headers, undeclared methods, ignored auth, use after free, resource
availability, object-level authorization). The run is bounded in time and examples per
operation, never in checks. The figures of each run (test cases, failures per check) are written
to the report directory and printed.

One setting is the product's, not a weakening: ``positive_data_acceptance`` also accepts 400, 412,
412, 422 and 428. A schema-valid request may still break a domain rule the document states in words
(an opaque cursor the API did not issue, a number that is not a phone number, If-Match where a
change needs it, a calendar with no hours), and those answers are documented problems.
"""

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from localcloud.auth import token_for
from localcloud.session import local_auth

pytestmark = pytest.mark.local_cloud

# The fuzzer's own cloud (see fuzz_cloud.py), beside the session's.
FUZZ_CLOUD_PORT = int(os.environ.get("CC_TEST_CLOUD_PORT", "5155")) + 1

ROLES = ("supervisor", "agent", "department", "integration", "portal", "customer")
MAX_EXAMPLES = int(os.environ.get("CC_SCHEMATHESIS_EXAMPLES", "4"))
MAX_SECONDS = int(os.environ.get("CC_SCHEMATHESIS_SECONDS", "25"))
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "412", "422", "428", "429"]
"""


@dataclass
class FuzzCloud:
    api: str
    state: Path

    def token(self, role: str, **options: Any) -> str:
        return token_for(local_auth(self.state, FUZZ_CLOUD_PORT), role, **options)


@pytest.fixture(scope="module")
def fuzz_cloud(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzCloud]:
    state = tmp_path_factory.mktemp("fuzz-state")
    child = subprocess.Popen(  # noqa: S603 - our own module, on loopback
        [sys.executable, "-m", "tests.api.fuzz_cloud", "--port", str(FUZZ_CLOUD_PORT), "--state", str(state)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin and child.stdout
    try:
        ready = child.stdout.readline()
        assert ready, f"the fuzzer's local cloud did not start (exit {child.wait()})"
        yield FuzzCloud(api=json.loads(ready)["api"], state=state)
    finally:
        child.stdin.close()
        child.wait(timeout=60)


def _token(cloud: FuzzCloud, role: str) -> str:
    if role == "department":
        return cloud.token(role, department="technical")
    if role == "customer":  # an end customer signed in to the help-center portal
        created = requests.post(
            f"{cloud.api}/customers",
            headers={"Authorization": f"Bearer {cloud.token('agent')}"},
            json={"name": "Fuzzed", "language": "en"},
            timeout=60,
        )
        return cloud.token(role, customer_id=created.json()["customer_id"])
    return cloud.token(role)


def _figures(report_dir: Path) -> dict[str, Any]:
    """Test cases and failures per check, from the run's NDJSON events."""
    events = next(report_dir.glob("*.ndjson")).read_text().splitlines()
    cases: set[str] = set()
    failures: Counter[str] = Counter()
    server_errors: list[str] = []
    for line in events:
        event = json.loads(line)
        finished = event.get("ScenarioFinished")
        if not finished:
            continue
        recorder = finished.get("recorder") or {}
        for case_id, checks in (recorder.get("checks") or {}).items():
            cases.add(case_id)
            for check in checks:
                if check["status"] == "failure":
                    failures[check["name"]] += 1
                    if check["name"] == "not_a_server_error":
                        server_errors.append(recorder.get("label", "?"))
    return {"test_cases": len(cases), "failures": dict(failures), "server_errors": server_errors}


def _run(
    cloud: FuzzCloud, role: str, directory: Path, seed: int
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "schemathesis.toml"
    config.write_text(CONFIG)
    report_dir = directory / "report"
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(config),
        "run",
        f"{cloud.api}/openapi.json",
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--header",
        f"Authorization: Bearer {_token(cloud, role)}",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--max-time",
        str(MAX_SECONDS),
        # One worker: CPython 3.11's ast.parse is not thread-safe (gh-106905: "AST constructor
        # recursion depth mismatch"), and Hypothesis parses lambda sources while generating.
        "--workers",
        "1",
        "--seed",
        str(seed),
        "--no-shrink",
        "--report",
        "ndjson",
        "--report-dir",
        str(report_dir),
        "--no-color",
    ]
    run = subprocess.run(  # noqa: S603 - our own command line, against our own local API
        command, capture_output=True, text=True, timeout=MAX_SECONDS * 4 + 120, check=False
    )
    return run, _figures(report_dir)


@pytest.mark.parametrize("role", ROLES)
def test_schemathesis_finds_nothing(fuzz_cloud: FuzzCloud, role: str, tmp_path: Path) -> None:
    run, figures = _run(fuzz_cloud, role, tmp_path, 11)
    print(f"schemathesis as {role}: {json.dumps(figures)}")
    assert figures["test_cases"] > 100, run.stdout[-3000:]
    assert figures["failures"] == {}, run.stdout[-6000:]
    assert run.returncode == 0, run.stdout[-6000:]
