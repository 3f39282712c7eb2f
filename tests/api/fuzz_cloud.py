"""A local cloud of schemathesis' own, in a child process.

Fuzzing changes whatever the API lets it change (agents' skills and departments, calendars,
tickets), and how much it changes depends on how many cases fit in its time budget, that is on
the machine. The other tests' seed data must not be among it, and one process holds one moto
state, so the fuzzer gets a cloud in a process of its own: the same handlers and seed data.

    python -m tests.api.fuzz_cloud --port P --state DIR

prints one JSON line ({"api": URL}) once the API answers, and stops when its stdin closes.
"""

import argparse
import json
import sys
from pathlib import Path

from localcloud.seed import seed_directory
from localcloud.session import LocalSession


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--state", type=Path, required=True)
    args = parser.parse_args()
    with LocalSession.start(port=args.port, api_port=0, state_dir=args.state) as session:
        seed_directory(session)
        print(json.dumps({"api": session.api.url}), flush=True)
        sys.stdin.read()  # until the parent closes the pipe
    return 0


if __name__ == "__main__":
    sys.exit(main())
