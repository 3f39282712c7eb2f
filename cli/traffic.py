"""``contactcenter traffic``: seeded calls and chats through the local contact center."""

import argparse
import json
import re
from datetime import timedelta

from localcloud.cloud import DEFAULT_PORT


def _duration(text: str) -> timedelta:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smh])", text)
    if not match:
        raise argparse.ArgumentTypeError(f"expected a duration such as 90s, 30m or 1h, not {text!r}")
    return timedelta(seconds=float(match.group(1)) * {"s": 1, "m": 60, "h": 3600}[match.group(2)])


def _added_agents(text: str) -> tuple[timedelta, int]:
    match = re.fullmatch(r"(\d+(?:\.\d+)?):(\d+)", text)
    if not match:
        raise argparse.ArgumentTypeError(f"expected MINUTE:COUNT such as 15:4, not {text!r}")
    return timedelta(minutes=float(match.group(1))), int(match.group(2))


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    traffic = commands.add_parser(
        "traffic",
        help="run seeded calls and chats through the local contact center and print what happened",
        description="Boots a local cloud with demo data, logs agents in across the routing profiles and "
        "places calls and chats through the real contact flows on a simulated clock; contact records "
        "(with agent fields) go to the local data lake.",
    )
    traffic.add_argument("--calls-per-hour", type=float, default=120.0)
    traffic.add_argument("--chats-per-hour", type=float, default=30.0)
    traffic.add_argument("--agents", type=int, default=6)
    traffic.add_argument(
        "--add-agents",
        type=_added_agents,
        action="append",
        default=[],
        metavar="MINUTE:COUNT",
        help="COUNT more agents log in MINUTE simulated minutes into the run (repeatable)",
    )
    traffic.add_argument("--duration", type=_duration, default=timedelta(hours=1), help="e.g. 30m, 1h")
    traffic.add_argument(
        "--speed", type=float, default=60.0, help="simulated seconds per second (default 60; 0: flat out)"
    )
    traffic.add_argument("--seed", type=int, default=1)
    traffic.add_argument("--no-drain", action="store_true", help="stop at the end, leaving contacts in queue")
    traffic.add_argument("--lake", help="keep the lake in this folder (default: a temporary one)")
    traffic.add_argument("--json", action="store_true", help="print the summary as JSON")
    traffic.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"local cloud port (default {DEFAULT_PORT})"
    )


def cmd_traffic(args: argparse.Namespace) -> int:
    from pathlib import Path

    from localcloud.seed import seed
    from localcloud.session import LocalSession
    from localcloud.traffic import TrafficOptions, run_traffic, summary_lines

    options = TrafficOptions(
        calls_per_hour=args.calls_per_hour,
        chats_per_hour=args.chats_per_hour,
        agents=args.agents,
        add_agents=tuple(args.add_agents),
        duration=args.duration,
        speed=args.speed,
        seed=args.seed,
        drain=not args.no_drain,
    )
    lake = Path(args.lake) if args.lake else None
    with LocalSession.start(port=args.port, api_port=0, lake_path=lake) as session:
        seed(session)
        result = run_traffic(session.cloud, options)
        if args.json:
            print(json.dumps(result.to_json(), indent=2))
        else:
            print("\n".join(summary_lines(result)))
            print(f"contact records in {session.cloud.resources.lake_path}/contact_records")
    return 0
