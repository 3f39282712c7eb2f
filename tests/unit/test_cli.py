import socket

import pytest

from cli.main import main


def test_unknown_command_prints_usage_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["fly"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: contactcenter")
    assert "invalid choice: 'fly'" in err


def test_bad_port_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["demo", "--port", "80"])
    assert exited.value.code == 2
    assert "port 80 is out of range" in capsys.readouterr().err


def test_port_in_use_is_reported_without_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["demo", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"port {port} on 127.0.0.1 is already in use" in err
    assert "Traceback" not in err


def test_a_staffing_change_that_is_not_minute_count_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["traffic", "--add-agents", "soon"])
    assert exited.value.code == 2
    assert "expected MINUTE:COUNT such as 15:4, not 'soon'" in capsys.readouterr().err
