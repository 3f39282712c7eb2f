"""The ``contactcenter`` command: run the product on the local cloud.

contactcenter local    local cloud + API with demo data, until Ctrl-C
contactcenter demo     the end-to-end scenario as a transcript (what `make demo` runs)
"""

import argparse
import signal
import sys
import threading
from collections.abc import Sequence

from contactcenter.auth import Role
from infra.local.api_gateway import DEFAULT_API_PORT
from infra.local.cloud import DEFAULT_PORT, LocalCloudError
from infra.local.provision import InconsistentDefinition

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
    token = commands.add_parser("token", help="mint a token the local API accepts")
    token.add_argument("--role", required=True, choices=[r.value for r in Role if r is not Role.SYSTEM])
    token.add_argument("--department", help="the department of a department member")
    token.add_argument("--username", help="the user (or client) name in the token")
    token.add_argument(
        "--expires-in", type=int, default=3600, help="seconds (default 3600; negative: expired)"
    )
    token.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help="the local cloud's port (in the issuer)"
    )
    return parser


def cmd_local(args: argparse.Namespace) -> int:
    from infra.local.seed import seed_directory
    from infra.local.session import LocalSession

    session = LocalSession.start(port=args.port, api_port=args.api_port)
    seed_directory(session)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(f"local cloud   {session.cloud.endpoint_url}   (AWS_ENDPOINT_URL for boto3 and the AWS CLI)")
    print(f"local API     {session.api.url}   (try: curl {session.api.url}/health)")
    print("demo data     departments billing, technical, general; agents ana, bo, chen, dae")
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


def cmd_demo(args: argparse.Namespace) -> int:
    from infra.demo import run_demo
    from infra.demo.transcript import Transcript
    from infra.local.session import LocalSession

    transcript = Transcript()
    transcript.title("Contact center: end-to-end demo on the local cloud")
    with LocalSession.start(port=args.port, api_port=args.api_port) as session:
        run_demo(session, transcript)
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from infra.local.auth import token_for
    from infra.local.session import STATE_DIR, local_auth

    if args.role == Role.DEPARTMENT and not args.department:
        print("contactcenter token: --department is required with --role department", file=sys.stderr)
        return EXIT_USAGE
    auth = local_auth(STATE_DIR, args.port)
    print(
        token_for(
            auth, args.role, username=args.username, department=args.department, expires_in=args.expires_in
        )
    )
    return 0


COMMANDS = {"local": cmd_local, "demo": cmd_demo, "token": cmd_token}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (LocalCloudError, InconsistentDefinition) as error:
        print(f"contactcenter: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if args.debug:
            raise
        from infra.demo.transcript import DemoFailed

        kind = (
            "demo failed" if isinstance(error, DemoFailed) else f"unexpected error ({type(error).__name__})"
        )
        print(f"contactcenter: {kind}: {error}  (run with --debug for the traceback)", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
