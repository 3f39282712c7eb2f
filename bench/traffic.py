"""The local contact center under load: 1,000 calls an hour (and 100 chats) for one simulated
hour through the real flows and functions, 90 agents, as fast as the machine runs it; wall
time and contacts routed."""

import sys
import tempfile
from datetime import timedelta
from pathlib import Path


def main(port: int = 5296) -> None:
    from localcloud.seed import seed
    from localcloud.session import LocalSession
    from localcloud.traffic import TrafficOptions, run_traffic, summary_lines

    options = TrafficOptions(
        calls_per_hour=1000, chats_per_hour=100, agents=90, duration=timedelta(hours=1), speed=0, seed=7
    )
    with LocalSession.start(port=port, api_port=0, state_dir=Path(tempfile.mkdtemp())) as session:
        seed(session)
        result = run_traffic(session.cloud, options)
    print("traffic: 1,000 calls/hour for one simulated hour")
    print("\n".join(f"  {line}" for line in summary_lines(result)))
    rate = result.offered / result.wall_seconds if result.wall_seconds else 0
    print(f"  wall time {result.wall_seconds:.1f} s, contacts routed {result.routed}, {rate:.1f} contacts/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5296)
    sys.exit(0)
