"""The ``contactcenter`` command: run the product on the local cloud.

contactcenter local    local cloud + API with demo data, until Ctrl-C
contactcenter demo     the end-to-end scenario as a transcript (what `make demo` runs)
contactcenter traffic  seeded calls and chats through the local contact center
"""

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from catalog import CONNECT_QUEUES, CONTACT_FLOWS, InconsistentDefinition
from cli import kb as kb_cli
from cli import report as report_cli
from cli import traffic as traffic_cli
from contactcenter.auth import Role
from localcloud.api_gateway import DEFAULT_API_PORT
from localcloud.cloud import DEFAULT_PORT, LocalCloudError
from localcloud.flow_language import FlowError
from localcloud.flow_reference import FLOW_TYPES
from localcloud.stand_ins import StandIn, StandInError, load_stand_in

EXIT_USAGE = 2
EXIT_FAILED = 1


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1024 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port {value} is out of range 1024-65535")
    return value


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 moment: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _queue_value(text: str) -> tuple[str, int]:
    queue, _, value = text.partition("=")
    if queue not in {q.key for q in CONNECT_QUEUES} or not value.isdigit():
        known = ", ".join(q.key for q in CONNECT_QUEUES)
        raise argparse.ArgumentTypeError(f"expected QUEUE=NUMBER with QUEUE one of {known}, not {text!r}")
    return queue, int(value)


def _queue_alias(text: str) -> tuple[str, str]:
    other, equals, local = text.rpartition("=")
    if not equals or not other or local not in {q.key for q in CONNECT_QUEUES}:
        known = ", ".join(q.key for q in CONNECT_QUEUES)
        raise argparse.ArgumentTypeError(
            f"expected OTHER_ARN_OR_NAME=LOCAL_QUEUE with LOCAL_QUEUE one of {known}, not {text!r}"
        )
    return other, local


def _attribute(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, not {text!r}")
    return name, value


def _stand_in(text: str) -> tuple[str, StandIn]:
    try:
        return load_stand_in(text)
    except StandInError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _add_ports(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"local cloud port (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--api-port",
        type=_port,
        default=DEFAULT_API_PORT,
        help=f"local API port (default {DEFAULT_API_PORT})",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contactcenter", description="The contact center on the local cloud."
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    local = commands.add_parser("local", help="run the local cloud and API with demo data until Ctrl-C")
    _add_ports(local)
    demo = commands.add_parser("demo", help="run the end-to-end scenario and print a transcript")
    _add_ports(demo)
    call = commands.add_parser(
        "call",
        help="simulate a call (or chat) through a contact flow file, with the real functions",
        description="Runs a contact flow file on a fresh local cloud with demo data (accounts "
        "12345678/PIN 4321 VIP Dutch, 23456789/2468 Chinese, 34567890/1357 gold Korean, "
        "45678901 without PIN).",
    )
    call.add_argument(
        "flow",
        help="a flow file (any flow language 2019-10-30 export), a folder of them, or a product flow's "
        "key, e.g. contact_flows/inbound_helpdesk.json",
    )
    call.add_argument("--type", choices=sorted(FLOW_TYPES), help="the flow type (default: from the file)")
    call.add_argument("--start", help="in a folder: the flow the call starts in (file name or flow name)")
    call.add_argument(
        "--lambda",
        dest="stand_ins",
        action="append",
        default=[],
        type=_stand_in,
        metavar="NAME_OR_ARN=FILE",
        help="a stand-in for a function the flow calls: its answer (FILE.json) or handler (FILE.py) (repeat)",
    )
    call.add_argument(
        "--view",
        action="append",
        default=[],
        metavar="ACTION [JSON]",
        help='the agent\'s choice at the next ShowView block, e.g. Next or \'Submit {"a": "1"}\' (repeat)',
    )
    call.add_argument("--caller", required=True, help="the caller's number, E.164")
    call.add_argument("--keys", action="append", default=[], help="keys pressed at the next prompt (repeat)")
    call.add_argument(
        "--chat", action="append", default=[], help="a chat line (repeat; implies --channel CHAT)"
    )
    call.add_argument("--channel", choices=["VOICE", "CHAT", "TASK"], default=None)
    call.add_argument(
        "--attribute",
        action="append",
        default=[],
        type=_attribute,
        metavar="NAME=VALUE",
        help="a contact attribute the contact starts with, e.g. language=nl for a Dutch chat (repeat)",
    )
    call.add_argument("--dialed", default="+31201110000", help="the number dialled")
    hours = call.add_mutually_exclusive_group()
    hours.add_argument("--open", action="store_true", help="treat the hours of operation as open")
    hours.add_argument("--closed", action="store_true", help="treat the hours of operation as closed")
    hours.add_argument("--at", type=_moment, help="the moment of the call (ISO 8601), for the hours")
    call.add_argument(
        "--wait",
        action="append",
        default=[],
        type=_queue_value,
        metavar="QUEUE=SECONDS",
        help="no agent free in QUEUE; the oldest caller has waited SECONDS (repeat)",
    )
    call.add_argument(
        "--agents",
        action="append",
        default=[],
        type=_queue_value,
        metavar="QUEUE=N",
        help="N agents available in QUEUE (repeat)",
    )
    call.add_argument(
        "--queue",
        dest="queue_aliases",
        action="append",
        default=[],
        type=_queue_alias,
        metavar="OTHER_ARN_OR_NAME=LOCAL_QUEUE",
        help="another instance's queue (its ARN, id or name) is this local queue (repeat)",
    )
    call.add_argument("--json", action="store_true", help="print the call as JSON")
    call.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"local cloud port (default {DEFAULT_PORT})"
    )
    kb_cli.add_parser(commands)
    report_cli.add_parser(commands)
    traffic_cli.add_parser(commands)
    drawing = commands.add_parser(
        "diagram", help="draw state machines from their ASL files (Mermaid), or refresh a document's"
    )
    drawing.add_argument(
        "files", nargs="*", type=Path, help="ASL files, e.g. state_machines/complaint.asl.json"
    )
    drawing.add_argument(
        "--update",
        type=Path,
        metavar="DOCUMENT",
        help="refresh the <!-- diagram: FILE --> blocks of DOCUMENT",
    )
    token = commands.add_parser("token", help="mint a token the local API accepts")
    token.add_argument("--role", required=True, choices=[r.value for r in Role if r is not Role.SYSTEM])
    token.add_argument("--department", help="the department of a department member")
    token.add_argument("--username", help="the person's user name (machine clients' tokens name none)")
    token.add_argument("--customer-id", help="the end customer of a customer's token (cus_...)")
    token.add_argument(
        "--expires-in", type=int, default=3600, help="seconds (default 3600; negative: expired)"
    )
    token.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help="the local cloud's port (in the issuer)"
    )
    return parser


def cmd_local(args: argparse.Namespace) -> int:
    from localcloud.console import CONSOLE_DIR
    from localcloud.seed import seed, seed_knowledge, seed_sla
    from localcloud.session import LAKE_DIR, LocalSession

    session = LocalSession.start(
        port=args.port, api_port=args.api_port, lake_path=LAKE_DIR, console_dir=CONSOLE_DIR
    )
    seed(session)
    seed_sla(session)
    seed_knowledge(session)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(
        target=_fire_report_schedules, args=(session, stop), name="report-schedules", daemon=True
    ).start()
    threading.Thread(
        target=_fire_queue_alerts, args=(session, stop), name="queue-alerts", daemon=True
    ).start()
    print(f"local cloud   {session.cloud.endpoint_url}   (AWS_ENDPOINT_URL for boto3 and the AWS CLI)")
    print(f"local API     {session.api.url}   (try: curl {session.api.url}/health)")
    if (CONSOLE_DIR / "index.html").is_file():
        print(f"web console   {session.api.url}/   (sign in as a demo user or customer)")
    else:
        print(f"web console   not built: run make console (it builds into {CONSOLE_DIR})")
    assert session.cloud.live is not None
    print(
        f"live channel  {session.cloud.live.url}   (POST /monitor/live-tickets gives the URL with a ticket)"
    )
    print("demo data     departments billing, technical, general; agents ana, bo, chen, dae;")
    print("              callers 12345678/4321 (Jan), 23456789/2468, 34567890/1357, 45678901;")
    print("              SLA: help-desk calendar, policies vip/urgent/standard, escalation rules")
    print("              knowledge base: 18 help-center articles in en, nl, zh, ko")
    print(f"tokens        contactcenter token --role agent --port {args.port}")
    print("              roles: agent, supervisor, admin, department (with --department billing),")
    print("              integration, portal")
    print("Ctrl-C stops.", flush=True)
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        session.stop()
    return 0


def _fire_report_schedules(session: Any, stop: threading.Event) -> None:
    """moto keeps scheduled rules but never fires them: while ``contactcenter local`` runs, the
    report schedules' rule fires here, a quarter past each hour, as its cron says in AWS."""
    while True:
        now = datetime.now(UTC)
        quarter_past = now.replace(minute=15, second=0, microsecond=0)
        wait = (quarter_past - now).total_seconds() % 3600 or 3600
        if stop.wait(wait):
            return
        try:
            tick = session.cloud.run_report_schedules()
        except LocalCloudError as error:
            print(f"report schedules: {error}", file=sys.stderr, flush=True)
            continue
        if tick["sent"] or tick["failed"]:
            print(f"report schedules: sent {len(tick['sent'])}, failed {len(tick['failed'])}", flush=True)


def _fire_queue_alerts(session: Any, stop: threading.Event) -> None:
    """The queue alerts' rule, every minute while ``contactcenter local`` runs, as in AWS."""
    while not stop.wait(60):
        try:
            tick = session.cloud.run_queue_alerts()
        except LocalCloudError as error:
            print(f"queue alerts: {error}", file=sys.stderr, flush=True)
            continue
        for rule in tick["raised"]:
            print(f"queue alert raised: {rule}", flush=True)
        for rule in tick["cleared"]:
            print(f"queue alert cleared: {rule}", flush=True)


def cmd_demo(args: argparse.Namespace) -> int:
    from cli.demo import run_demo
    from cli.demo.transcript import Transcript
    from localcloud.session import LocalSession

    transcript = Transcript()
    transcript.title("Contact center: end-to-end demo on the local cloud")
    with LocalSession.start(port=args.port, api_port=args.api_port) as session:
        run_demo(session, transcript)
    return 0


def _flow_target(text: str) -> Path:
    path = Path(text)
    if not path.exists():
        for spec in CONTACT_FLOWS:
            if text == spec.key:
                return spec.path
    return path


def cmd_call(args: argparse.Namespace) -> int:
    """Check the flow file(s) first (every problem at once, nothing booted), then run the call
    on a fresh local cloud, printing each block's line as the block is done."""
    import json

    from contactcenter.customers.contact_points import e164
    from localcloud.call_transcript import ending
    from localcloud.flow_files import read_flows, start_flow

    try:
        caller = e164(args.caller)
    except ValueError as error:
        print(f"contactcenter call: --caller: {error}", file=sys.stderr)
        return EXIT_USAGE
    target = _flow_target(args.flow)
    files, problems = read_flows(target, args.type)
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        print(f"contactcenter call: {target}: {count}, nothing was run:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_FAILED
    start = start_flow(files, target, args.start)
    channel = args.channel or ("CHAT" if args.chat else "VOICE")
    result = _run_call(args, files, start, caller, channel, stream=not args.json)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(ending(result)), flush=True)
    return 0


def _run_call(
    args: argparse.Namespace, files: list[Any], start: Any, caller: str, channel: str, stream: bool
) -> Any:
    from localcloud.cloud import LocalCloud
    from localcloud.seed import seed, seed_knowledge
    from localcloud.session import LocalSession

    with LocalSession.start(port=args.port, api_port=0) as session:
        cloud: LocalCloud = session.cloud
        seed(session)
        if channel == "CHAT":
            seed_knowledge(session)
        connect = cloud.connect
        connect.open_override = True if args.open else False if args.closed else None
        connect.now = args.at
        for queue, seconds in args.wait:
            connect.conditions[queue].agents_available = 0
            connect.conditions[queue].oldest_contact_age = seconds
            connect.conditions[queue].contacts_in_queue = max(1, connect.conditions[queue].contacts_in_queue)
        for queue, agents in args.agents:
            connect.conditions[queue].agents_available = agents
        simulator = cloud.simulator()
        flows, names, aliases = {}, {}, {}
        for spec in CONTACT_FLOWS:
            aliases[spec.key] = connect.flow_arn(spec.key)
        arns = {}
        for file in files:
            if file.product_key is not None:
                arn = connect.flow_arn(file.product_key)
            else:
                taken = {spec.key for spec in CONTACT_FLOWS}
                arn = connect.flow_arn(file.key if file.key not in taken else f"{file.key}-file")
                flows[arn], names[arn] = file.flow, file.key
            arns[file.key] = arn
            aliases.update(dict.fromkeys(file.aliases, arn))
        simulator.add_flows(flows, names, aliases)
        simulator.stand_ins.update(dict(args.stand_ins))
        simulator.queue_aliases.update(dict(args.queue_aliases))
        listener = None
        if stream:
            from localcloud.call_transcript import header, step_line

            width = min(40, max(len(name) for flow in simulator.flows.values() for name in flow.actions))
            flow_name = start.product_key or start.key
            print(header(caller, flow_name, channel), flush=True)

            def listener(step: Any) -> None:
                print(step_line(step, width), flush=True)

        return simulator.call(
            arns[start.key],
            caller=caller,
            inputs=[*args.keys, *args.chat],
            channel=channel,
            dialed=args.dialed,
            attributes=dict(args.attribute),
            views=args.view,
            listener=listener,
        )


def cmd_diagram(args: argparse.Namespace) -> int:
    from cli.diagram import diagram, update

    if not args.files and not args.update:
        print("contactcenter diagram: give ASL files, or --update DOCUMENT", file=sys.stderr)
        return EXIT_USAGE
    for path in args.files:
        if not path.is_file():
            print(f"contactcenter diagram: no file {path}", file=sys.stderr)
            return EXIT_USAGE
        print(f"```mermaid\n{diagram(path)}```")
    if args.update:
        changed = update(args.update)
        print(
            f"{args.update}: {'diagrams refreshed' if changed else 'diagrams already current'}",
            file=sys.stderr,
        )
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from localcloud.auth import token_for
    from localcloud.session import STATE_DIR, local_auth

    if args.role == Role.DEPARTMENT and not args.department:
        print("contactcenter token: --department is required with --role department", file=sys.stderr)
        return EXIT_USAGE
    if args.role == Role.CUSTOMER and not args.customer_id:
        print("contactcenter token: --customer-id is required with --role customer", file=sys.stderr)
        return EXIT_USAGE
    if args.role in (Role.INTEGRATION, Role.PORTAL) and args.username:
        print("contactcenter token: a machine client's token names no user", file=sys.stderr)
        return EXIT_USAGE
    auth = local_auth(STATE_DIR, args.port)
    print(
        token_for(
            auth,
            args.role,
            username=args.username,
            department=args.department,
            customer_id=args.customer_id,
            expires_in=args.expires_in,
        )
    )
    return 0


COMMANDS = {
    "local": cmd_local,
    "demo": cmd_demo,
    "call": cmd_call,
    "diagram": cmd_diagram,
    "kb": kb_cli.run,
    "report": report_cli.run,
    "traffic": traffic_cli.cmd_traffic,
    "token": cmd_token,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (LocalCloudError, InconsistentDefinition, FlowError) as error:
        print(f"contactcenter: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if args.debug:
            raise
        from cli.demo.transcript import DemoFailed

        kind = (
            "demo failed" if isinstance(error, DemoFailed) else f"unexpected error ({type(error).__name__})"
        )
        print(f"contactcenter: {kind}: {error}  (run with --debug for the traceback)", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
