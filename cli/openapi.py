"""docs/openapi.json: the OpenAPI document GET /openapi.json serves, committed so that a change
to the API's contract shows in review (a test fails when the file is stale).

The file lives in the shared layer (contactcenter/api/openapi.json), where the openapi
function reads it at cold start instead of importing every router to build it;
docs/openapi.json is a link to it.

python -m cli.openapi          write docs/openapi.json (what `make openapi` runs)
python -m cli.openapi --check  exit 1 when docs/openapi.json differs from the routers' document
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import catalog

DOCUMENT = catalog.ROOT / "layers" / "shared" / "python" / "contactcenter" / "api" / "openapi.json"
STALE = "docs/openapi.json is stale: run make openapi"


def render() -> str:
    """The served document (Powertools' order, indented by 2) with a final newline."""
    from contactcenter.api.document import openapi_document

    return openapi_document() + "\n"


def is_current(path: Path = DOCUMENT) -> bool:
    return path.is_file() and path.read_text(encoding="utf-8") == render()


def write(path: Path = DOCUMENT) -> bool:
    """Write the document; True when the file changed."""
    text = render()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cli.openapi", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is current")
    parser.add_argument(
        "--output", type=Path, default=DOCUMENT, help="where to write (default docs/openapi.json)"
    )
    args = parser.parse_args(argv)
    if args.check:
        if is_current(args.output):
            return 0
        print(STALE, file=sys.stderr)
        return 1
    changed = write(args.output)
    print(f"{args.output}: {'written' if changed else 'already current'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
