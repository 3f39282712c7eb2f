"""The flow simulator's speed: time per block, the UC17 basic course, the time from the
command to its first line when the file check fails (no local cloud is booted), and the time
from the command to the first prompt of a call that runs (the local cloud's boot included).

python -m bench.flows
"""

import subprocess
import sys
import time
from pathlib import Path

from localcloud.flow_files import read_flows
from localcloud.seed import seed
from localcloud.session import LocalSession

ROOT = Path(__file__).resolve().parent.parent
BASIC = ["1", "12345678#", "4321#"]


def main() -> None:
    started = time.perf_counter()
    files, problems = read_flows(ROOT / "tests" / "flows" / "files")
    check = time.perf_counter() - started
    print(f"check {len(files)} flow files: {check * 1000:.1f} ms ({len(problems)} problems)")
    samples = [
        ROOT / "tests" / "flows" / "samples",
        *sorted((ROOT / "tests" / "flows" / "samples").glob("*/")),
    ]
    started = time.perf_counter()
    checked = [read_flows(folder) for folder in samples if folder.is_dir()]
    check = time.perf_counter() - started
    count, trouble = sum(len(f) for f, _ in checked), sum(len(p) for _, p in checked)
    print(f"check {count} public sample flow files: {check * 1000:.1f} ms ({trouble} problems)")
    broken = ROOT / "bench" / "floor"  # a folder with no flow files: the command fails at once
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "cli.main", "call", str(broken), "--caller", "+31201234567"],
        capture_output=True,
        check=False,
    )
    print(f"command to its first line (check only, no boot): {time.perf_counter() - started:.2f} s")
    first, total = first_prompt()
    print(f"command to the first prompt of a call (boot included): {first:.2f} s (whole call {total:.2f} s)")
    with LocalSession.start(port=5512, api_port=0) as session:
        seed(session)
        cloud = session.cloud
        cloud.connect.open_override = True
        simulator = cloud.simulator()
        arn = cloud.flow_arn("inbound_helpdesk")
        simulator.call(arn, caller="+31201234567", inputs=BASIC)  # warm the functions
        rounds, blocks, total = 10, 0, 0.0
        for _ in range(rounds):
            started = time.perf_counter()
            result = simulator.call(arn, caller="+31201234567", inputs=BASIC)
            total += time.perf_counter() - started
            blocks += result.blocks
        print(f"UC17 basic course: {total / rounds * 1000:.1f} ms per call, {blocks // rounds} blocks")
        print(f"time per block (incl. function calls): {total / blocks * 1000:.2f} ms")


def first_prompt() -> tuple[float, float]:
    """(seconds to the first "says:" line, seconds to the end) of the UC17 basic course run by
    ``contactcenter call``, which prints each block's line as the block is done."""
    command = [sys.executable, "-m", "cli.main", "call", "contact_flows/inbound_helpdesk.json"]
    command += ["--caller", "+31201234567", "--open", "--port", "5513"]
    command += [f"--keys={keys}" for keys in BASIC]
    started = time.perf_counter()
    first = 0.0
    with subprocess.Popen(  # noqa: S603 - our own interpreter and command
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if not first and "says:" in line:
                first = time.perf_counter() - started
        errors = process.stderr.read() if process.stderr else ""
    if process.returncode != 0 or not first:
        raise SystemExit(f"the call failed (exit {process.returncode}): {errors[-500:]}")
    return first, time.perf_counter() - started


if __name__ == "__main__":
    main()
