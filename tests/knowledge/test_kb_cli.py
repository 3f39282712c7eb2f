"""`contactcenter kb`: batch searches in-process and through the API give the same answers;
imports into a running stack report bad lines by number; usage errors are specific."""

import json
from pathlib import Path

import pytest

from cli.main import main
from localcloud.seed import HELP_CENTER
from tests.api.conftest import Api

QUERIES = [
    {"query": "I forgot my password", "expected": "kb-password-en"},
    {"query": "Er is twee keer afgeschreven voor mijn factuur", "expected": "kb-double-charge-nl"},
    {"query": "路由器一直闪红灯", "expected": "kb-router-restart-zh"},
    {"query": "can you book me a flight to paris", "expected": None},
]


@pytest.fixture
def queries(tmp_path: Path) -> Path:
    path = tmp_path / "queries.jsonl"
    lines = [json.dumps(q, ensure_ascii=False) for q in QUERIES]
    path.write_text("\n".join([*lines[:2], "{broken", *lines[2:]]) + "\n", encoding="utf-8")
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]], str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_a_batch_search_in_process(queries: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(["kb", "search", "--batch", str(queries), "--articles", str(HELP_CENTER)], capsys)
    assert code == 0
    assert [line["query"] for line in lines] == [q["query"] for q in QUERIES]
    for line, query in zip(lines, QUERIES, strict=True):
        expected = query["expected"]
        decision = {"action": "answer", "id": expected} if expected else {"action": "handover"}
        assert line["decision"] == decision, line
        results = line["results"]
        assert isinstance(results, list) and results
        assert set(results[0]) == {"id", "score"}
    assert "line 3" in err  # the broken query line, by number


@pytest.mark.local_cloud
def test_the_same_batch_through_the_api(kb: Api, queries: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url, token = kb.session.api.url, kb.session.token("agent")
    code, through_api, _ = run(
        ["kb", "search", "--batch", str(queries), "--api", url, "--token", token], capsys
    )
    _, in_process, _ = run(["kb", "search", "--batch", str(queries), "--articles", str(HELP_CENTER)], capsys)
    assert code == 0
    assert [line["decision"] for line in through_api] == [line["decision"] for line in in_process]


@pytest.mark.local_cloud
def test_an_import_into_a_running_stack(kb: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = {
        "id": "kb-cli-import",
        "language": "nl",
        "title": "Router Y: het blauwe lampje",
        "questions": ["Wat betekent het blauwe lampje op de router?"],
        "answer": "Blauw: de router zoekt verbinding met de mesh-versterker.",
        "status": "published",
    }
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps(good) + "\n" + '{"id": "x", "language": "nl"}\n', encoding="utf-8")
    url, token = kb.session.api.url, kb.session.token("admin")
    code, lines, err = run(["kb", "import", str(path), "--api", url, "--token", token], capsys)
    assert code == 1  # a line was refused
    assert lines == [{"imported": 1, "updated": 0, "unchanged": 0}]
    assert f"{path} line 2:" in err and "title" in err
    assert kb.call("GET", "/knowledge/articles/kb-cli-import", expect=200).json()["title"] == good["title"]


@pytest.mark.local_cloud
def test_an_import_into_the_running_local_cloud_needs_no_token(
    kb: Api, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --api: the local API on --api-port, with an admin token of the local user pool
    `contactcenter local` keeps (here the test session's)."""
    monkeypatch.setattr("localcloud.session.local_auth", lambda *_: kb.session.auth)
    article = {
        "id": "kb-cli-local",
        "language": "en",
        "title": "Router Y: the blue light",
        "questions": ["What does the blue light on my router mean?"],
        "answer": "Blue: the router is looking for the mesh extender.",
        "status": "published",
    }
    path = tmp_path / "local.jsonl"
    path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    api_port = kb.session.api.url.rsplit(":", 1)[1]
    argv = ["kb", "import", str(path), "--port", str(kb.session.cloud.port), "--api-port", api_port]
    code, lines, _ = run(argv, capsys)
    assert (code, lines) == (0, [{"imported": 1, "updated": 0, "unchanged": 0}])
    stored = kb.call("GET", "/knowledge/articles/kb-cli-local", expect=200).json()
    assert stored["updated_by"].endswith("kb-cli")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["kb", "search", "--batch", "QUERIES"], "--articles is required without --api"),
        (["kb", "search", "--batch", "/no/such.jsonl", "--articles", "/no/such.jsonl"], "no file"),
        (["kb", "import", "ARTICLES", "--api", "https://example.com"], "--api needs --token"),
    ],
)
def test_usage_errors(
    argv: list[str],
    message: str,
    queries: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("CONTACTCENTER_TOKEN", raising=False)
    argv = [str(queries) if a == "QUERIES" else str(HELP_CENTER) if a == "ARTICLES" else a for a in argv]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_an_unreachable_api_is_named(queries: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["kb", "search", "--batch", str(queries), "--api", "http://127.0.0.1:9", "--token", "t"]
    assert main(argv) == 1
    assert "cannot reach http://127.0.0.1:9" in capsys.readouterr().err
