"""make bench: cold start and AWS API calls per invocation, for every Lambda handler.

Each measurement is a fresh interpreter that imports the handler and invokes it once
against the local cloud (what Lambda's init plus first invoke do), repeated and reported as
the median, next to a baseline measured the same way in the same run: a bare boto3 handler
doing one DynamoDB GetItem. Target: every handler within 1.3x the baseline.
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
from bench.events import EVENTS
from localcloud.cloud import LocalCloud
from localcloud.provision import LOCAL_STAGE

RUNNER = Path(__file__).with_name("cold_start_runner.py")
BASELINE = Path(__file__).parent / "baseline" / "handler.py"
TARGET_RATIO = 1.3
BASELINE_NAME = "baseline (boto3 GetItem)"


def run_once(handler_file: Path, event: dict[str, Any], environment: dict[str, str]) -> dict[str, Any]:
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(RUNNER), str(handler_file), json.dumps(event)],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


Case = tuple[Path, dict[str, Any], dict[str, str], int | str | None]


def measure(cases: dict[str, Case], runs: int) -> dict[str, dict[str, Any]]:
    """Interleaved rounds (every handler once per round), so drift in machine load hits all alike."""
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (handler_file, event, environment, _) in cases.items():
            samples[name].append(run_once(handler_file, event, environment))
    return {
        name: {
            "median_ms": statistics.median(r["cold_ms"] for r in results),
            "import_ms": statistics.median(r["import_ms"] for r in results),
            "calls": results[-1]["calls"],
            # The function answered what its event asks for: the measurement took the real path.
            "ok": all(r["status"] == cases[name][3] for r in results),
        }
        for name, results in samples.items()
    }


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
        cases: dict[str, Case] = {
            BASELINE_NAME: (BASELINE, {}, {**base_env, "TABLE": cloud.resources.tables["audit"]}, None)
        }
        for spec in catalog.FUNCTIONS:
            environment = {**base_env, **catalog.function_environment(spec, LOCAL_STAGE, cloud.resources)}
            event, expected_status = EVENTS[spec.name]
            cases[spec.name] = (spec.code_dir / "handler.py", event, environment, expected_status)
        results = measure(cases, args.runs)
    baseline = results[BASELINE_NAME]
    rows = list(results.items())

    print(
        f"\nCold start: import + first invocation on the local cloud, "
        f"median of {args.runs} fresh interpreters"
    )
    print(f"{'handler':<28}{'cold start':>12}{'(import)':>10}{'x baseline':>12}{'AWS calls':>11}  calls")
    failures = []
    for name, result in rows:
        ratio = result["median_ms"] / baseline["median_ms"]
        flag = "" if ratio <= TARGET_RATIO or name == BASELINE_NAME else "  (over target)"
        if not result["ok"]:
            flag += "  (WRONG ANSWER: not measured on the real path)"
        if flag:
            failures.append(name)
        print(
            f"{name:<28}{result['median_ms']:>9.0f} ms{result['import_ms']:>7.0f} ms{ratio:>11.2f}x"
            f"{len(result['calls']):>11}  "
            f"{', '.join(result['calls'])}{flag}"
        )
    print(f"target: every handler at most {TARGET_RATIO}x the baseline; over target: {failures or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
