"""Where each handler's cold start goes: ``python -X importtime`` on the benchmark's runner.

Runs every handler (or those named) once, as ``bench.cold_start`` does (a fresh interpreter,
the function's own environment, one invocation against the local cloud), with
``-X importtime``, and prints per handler the imports that cost the most (cumulative
microseconds, top-level packages folded), so a regression names the import that caused it.

    python -m bench.import_profile --port 5463 api_tickets routing
"""

import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import catalog
from bench.cold_start import BASELINE, FLOOR, FLOOR_EVENT, RUNNER
from bench.events import EVENTS
from localcloud.cloud import LocalCloud
from localcloud.provision import LOCAL_STAGE

_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def profile(
    handler_file: Path, event: object, environment: dict[str, str]
) -> list[tuple[str, int, int, int]]:
    """(module, self us, cumulative us, depth) per import, in import order."""
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-X", "importtime", str(RUNNER), str(handler_file), json.dumps(event)],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in completed.stderr.splitlines():
        match = _LINE.match(line)
        if match:
            own, cumulative, indent, module = match.groups()
            rows.append((module, int(own), int(cumulative), (len(indent) - 1) // 2))
    return rows


def summarise(rows: list[tuple[str, int, int, int]], top: int) -> list[str]:
    total = sum(own for _, own, _, _ in rows)
    by_package: dict[str, int] = defaultdict(int)
    for module, own, _, _ in rows:
        root = module.split(".")[0]
        if root == "aws_lambda_powertools" or root == "contactcenter":
            root = ".".join(module.split(".")[:3])
        by_package[root] += own
    lines = [f"  all imports: {total / 1000:.0f} ms"]
    for name, own in sorted(by_package.items(), key=lambda item: -item[1])[:top]:
        lines.append(f"  {own / 1000:7.1f} ms  {name}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "handlers", nargs="*", help="function names (default: all, with the baseline and floor)"
    )
    parser.add_argument("--port", type=int, default=5256, help="local cloud port")
    parser.add_argument("--top", type=int, default=15, help="packages shown per handler")
    parser.add_argument("--raw", type=Path, help="directory to write each handler's raw importtime rows to")
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
        cases: dict[str, tuple[Path, object, dict[str, str]]] = {}
        if not args.handlers:
            table = {"TABLE": cloud.resources.tables["audit"]}
            cases["baseline"] = (BASELINE, {}, {**base_env, **table})
            cases["floor"] = (FLOOR, FLOOR_EVENT, {**base_env, **table, "POWERTOOLS_SERVICE_NAME": "floor"})
        for spec in catalog.FUNCTIONS:
            if args.handlers and spec.name not in args.handlers:
                continue
            environment = {**base_env, **catalog.function_environment(spec, LOCAL_STAGE, cloud.resources)}
            cases[spec.name] = (spec.code_dir / "handler.py", EVENTS[spec.name][0], environment)
        for name, (handler_file, event, environment) in cases.items():
            rows = profile(handler_file, event, environment)
            if args.raw:
                args.raw.mkdir(parents=True, exist_ok=True)
                (args.raw / f"{name}.tsv").write_text(
                    "".join(
                        f"{depth}\t{own}\t{cumulative}\t{module}\n" for module, own, cumulative, depth in rows
                    )
                )
            print(name)
            print("\n".join(summarise(rows, args.top)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
