"""The flow simulator's speed: time per block, the UC17 basic course, and the time from the
command to its first line (the file check, which does not wait for the local cloud).

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
    broken = ROOT / "bench" / "floor"  # a folder with no flow files: the command fails at once
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "cli.main", "call", str(broken), "--caller", "+31201234567"],
        capture_output=True,
        check=False,
    )
    print(f"command to its first line (check only, no boot): {time.perf_counter() - started:.2f} s")
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
            blocks += len({(s.action, i) for i, s in enumerate(result.steps)})
        print(f"UC17 basic course: {total / rounds * 1000:.1f} ms per call, {blocks // rounds} steps")
        print(f"time per block (incl. function calls): {total / blocks * 1000:.2f} ms")


if __name__ == "__main__":
    main()
