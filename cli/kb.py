"""`contactcenter kb`: importing articles and batch searches, locally or against a deployment.

- ``kb import FILE.jsonl``: into the running local cloud (``contactcenter local``), or with
  ``--api URL --token T`` into a deployed stack; sent in slices, each line's number reported
  against the file.
- ``kb search --batch QUERIES.jsonl --articles ARTICLES.jsonl``: the articles go into a fresh
  embedded engine in this process (the deployed analysis, ranking and bot decision), one JSON
  line per query on standard output. With ``--api URL`` the searches go through the API.
"""

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import requests

from localcloud.api_gateway import DEFAULT_API_PORT
from localcloud.cloud import DEFAULT_PORT

SLICE_LINES = 200
TOKEN_VARIABLE = "CONTACTCENTER_TOKEN"  # noqa: S105 - the name of a variable, not a secret


def add_parser(commands: Any) -> None:
    kb = commands.add_parser("kb", help="the knowledge base: import articles, batch searches")
    sub = kb.add_subparsers(dest="kb_command", required=True, metavar="KB_COMMAND")
    importing = sub.add_parser("import", help="import articles from JSON Lines")
    importing.add_argument(
        "file", type=Path, help="articles, one JSON object per line (../shared/data format)"
    )
    searching = sub.add_parser("search", help="answer a file of queries, one JSON line each")
    searching.add_argument("--batch", type=Path, required=True, help="queries, one JSON object per line")
    searching.add_argument("--articles", type=Path, help="articles to search (required without --api)")
    searching.add_argument("--size", type=int, default=5, help="results per query (default 5)")
    for parser in (importing, searching):
        parser.add_argument("--api", help="a deployed API's URL (default: the running local cloud)")
        parser.add_argument("--token", help=f"an access token for --api (default: ${TOKEN_VARIABLE})")
        parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="the local cloud's port")
        parser.add_argument("--api-port", type=int, default=DEFAULT_API_PORT, help="the local API's port")


def run(args: argparse.Namespace) -> int:
    for path in (getattr(args, "file", None), getattr(args, "batch", None), getattr(args, "articles", None)):
        if path is not None and not path.is_file():
            print(f"contactcenter kb: no file {path}", file=sys.stderr)
            return 2
    if args.kb_command == "search" and not args.api:
        if args.articles is None:
            print("contactcenter kb search: --articles is required without --api", file=sys.stderr)
            return 2
        from contactcenter.knowledge.batch import search_batch

        with args.batch.open(encoding="utf-8") as queries, args.articles.open(encoding="utf-8") as articles:
            search_batch(queries, articles, sys.stdout, size=args.size)
        return 0
    try:
        url, token = _target(args)
    except ValueError as error:
        print(f"contactcenter kb: {error}", file=sys.stderr)
        return 2
    try:
        return _import(url, token, args.file) if args.kb_command == "import" else _search(url, token, args)
    except requests.ConnectionError:
        where = args.api or f"the local API on port {args.api_port} (start it with `contactcenter local`)"
        print(f"contactcenter kb: cannot reach {where}", file=sys.stderr)
        return 1


def _target(args: argparse.Namespace) -> tuple[str, str]:
    if args.api:
        token = args.token or os.environ.get(TOKEN_VARIABLE)
        if not token:
            raise ValueError(f"--api needs --token or ${TOKEN_VARIABLE}")
        return args.api.rstrip("/"), token
    from localcloud.auth import token_for
    from localcloud.session import STATE_DIR, local_auth

    role = "admin" if args.kb_command == "import" else "agent"
    return f"http://127.0.0.1:{args.api_port}", token_for(
        local_auth(STATE_DIR, args.port), role, username="kb-cli"
    )


def _slices(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    for start in range(0, len(lines), SLICE_LINES):
        yield start + 1, lines[start : start + SLICE_LINES]


def _import(url: str, token: str, path: Path) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")  # JSON Lines end at \n only
    if lines and not lines[-1]:
        lines.pop()
    totals = {"imported": 0, "updated": 0, "unchanged": 0}
    failed = False
    for first, chunk in _slices(lines):
        response = requests.post(
            f"{url}/knowledge/import",
            params={"first_line": first},
            data="\n".join(chunk).encode("utf-8"),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/x-ndjson"},
            timeout=120,
        )
        if response.status_code != 200:
            print(
                f"contactcenter kb import: lines {first}-{first + len(chunk) - 1}: {response.text}",
                file=sys.stderr,
            )
            return 1
        report = response.json()
        for key in totals:
            totals[key] += report[key]
        for error in report["errors"]:
            failed = True
            print(f"{path} line {error['line']}: {error['message']}", file=sys.stderr)
    print(json.dumps(totals))
    return 1 if failed else 0


def _search(url: str, token: str, args: argparse.Namespace) -> int:
    from contactcenter.knowledge.batch import LineError, parse_queries

    with args.batch.open(encoding="utf-8") as lines:
        for item in parse_queries(lines):
            if isinstance(item, LineError):
                print(f"queries {item}", file=sys.stderr)
                continue
            params: dict[str, Any] = {"q": item.text, "size": args.size}
            if item.language:
                params["lang"] = item.language
            response = requests.get(
                f"{url}/knowledge/search",
                params=params,
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
            if response.status_code != 200:
                print(f"queries line {item.line}: {response.status_code} {response.text}", file=sys.stderr)
                continue
            body = response.json()
            decision = body["decision"]
            line = {
                "query": item.text,
                "results": [{"id": hit["article_id"], "score": hit["score"]} for hit in body["hits"]],
                "decision": {"action": "answer", "id": decision["article_id"]}
                if decision["action"] == "answer"
                else {"action": "handover"},
            }
            print(json.dumps(line, ensure_ascii=False))
    return 0
