"""make bench: cold start and AWS API calls per invocation, for every Lambda handler.

Each measurement is a fresh interpreter that imports the handler and invokes it once
against the local cloud (what Lambda's init plus first invoke do), repeated and reported as
the median, next to two references measured the same way in the same rounds: the baseline,
a bare boto3 handler doing one DynamoDB GetItem, and the floor, the least a Powertools API
function can be (Logger, the REST resolver with validation, one route with one pydantic
model, the same GetItem; ``bench/floor/handler.py``). Target: every handler within 1.3x the
baseline; the ratio to the floor shows what the product adds to the framework it is built on.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import catalog
from bench.events import EVENTS, api_event
from localcloud.cloud import LocalCloud
from localcloud.provision import LOCAL_STAGE

RUNNER = Path(__file__).with_name("cold_start_runner.py")
BASELINE = Path(__file__).parent / "baseline" / "handler.py"
FLOOR = Path(__file__).parent / "floor" / "handler.py"
TARGET_RATIO = 1.3
BASELINE_NAME = "baseline (boto3 GetItem)"
FLOOR_NAME = "floor (Powertools+pydantic)"
FLOOR_EVENT = api_event("GET", "/floor/x", resource="/floor/{item_id}", path_parameters={"item_id": "x"})


def run_once(handler_file: Path, event: dict[str, Any], environment: dict[str, str]) -> dict[str, Any]:
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(RUNNER), str(handler_file), json.dumps(event)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        # A handler that cannot start is a finding to report, not a reason to lose the others'.
        lines = completed.stderr.strip().splitlines()
        return {"failed": lines[-1] if lines else f"exit status {completed.returncode}"}
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


Case = tuple[Path, dict[str, Any], dict[str, str], int | str | None]


def measure(cases: dict[str, Case], runs: int) -> dict[str, dict[str, Any]]:
    """Interleaved rounds (every handler once per round), so drift in machine load hits all alike."""
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (handler_file, event, environment, _) in cases.items():
            samples[name].append(run_once(handler_file, event, environment))
    measured = {}
    for name, results in samples.items():
        started = [r for r in results if "failed" not in r]
        failed = [r["failed"] for r in results if "failed" in r]
        measured[name] = {
            "median_ms": statistics.median(r["cold_ms"] for r in started) if started else float("nan"),
            "import_ms": statistics.median(r["import_ms"] for r in started) if started else float("nan"),
            "calls": started[-1]["calls"] if started else [],
            # The function answered what its event asks for: the measurement took the real path.
            "ok": not failed and all(r["status"] == cases[name][3] for r in started),
            "failed": failed[-1] if failed else None,
        }
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=7, help="fresh interpreters per handler (median reported)"
    )
    parser.add_argument("--port", type=int, default=5255, help="local cloud port for the benchmark")
    args = parser.parse_args()

    with LocalCloud(port=args.port) as cloud:
        base_env = {
            "PATH": os.environ.get("PATH", ""),
            "AWS_ENDPOINT_URL": cloud.endpoint_url,
            "AWS_REGION": cloud.region,
            "AWS_DEFAULT_REGION": cloud.region,
            "AWS_ACCESS_KEY_ID": "local",
            "AWS_SECRET_ACCESS_KEY": "local",
        }
        table = {"TABLE": cloud.resources.tables["audit"]}
        cases: dict[str, Case] = {
            BASELINE_NAME: (BASELINE, {}, {**base_env, **table}, None),
            FLOOR_NAME: (FLOOR, FLOOR_EVENT, {**base_env, **table, "POWERTOOLS_SERVICE_NAME": "floor"}, 200),
        }
        for spec in catalog.FUNCTIONS:
            environment = {**base_env, **catalog.function_environment(spec, LOCAL_STAGE, cloud.resources)}
            event, expected_status = EVENTS[spec.name]
            cases[spec.name] = (spec.code_dir / "handler.py", event, environment, expected_status)
        results = measure(cases, args.runs)
    baseline = results[BASELINE_NAME]["median_ms"]
    floor = results[FLOOR_NAME]["median_ms"]
    references = (BASELINE_NAME, FLOOR_NAME)

    print(
        f"\nCold start: import + first invocation on the local cloud, "
        f"median of {args.runs} fresh interpreters"
    )
    print(
        f"{'handler':<28}{'cold start':>12}{'(import)':>10}{'x baseline':>12}{'x floor':>9}"
        f"{'AWS calls':>11}  calls"
    )
    failures = []
    for name, result in results.items():
        ratio = result["median_ms"] / baseline
        flag = "" if ratio <= TARGET_RATIO or name in references else "  (over target)"
        if result["failed"]:
            flag = f"  (FAILED to start: {result['failed']})"
        elif not result["ok"]:
            flag += "  (WRONG ANSWER: not measured on the real path)"
        if flag:
            failures.append(name)
        print(
            f"{name:<28}{result['median_ms']:>9.0f} ms{result['import_ms']:>7.0f} ms{ratio:>11.2f}x"
            f"{result['median_ms'] / floor:>8.2f}x{len(result['calls']):>11}  "
            f"{', '.join(result['calls'])}{flag}"
        )
    print(
        f"target: every handler at most {TARGET_RATIO}x the baseline "
        f"(the floor itself is {floor / baseline:.2f}x); over target: {failures or 'none'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
