from contactcenter.health.service import HealthService


def _failing() -> None:
    raise ConnectionError("no route to host")


def test_shallow_check_runs_no_probe() -> None:
    service = HealthService(version="1.2.3", stage="prod", probes={"table": _failing})
    report = service.check(deep=False)
    assert (report.status, report.checks, report.version) == ("ok", {}, "1.2.3")


def test_deep_check_names_the_failing_dependency() -> None:
    service = HealthService(version="1", stage="prod", probes={"good": lambda: None, "table": _failing})
    report = service.check(deep=True)
    assert report.status == "degraded"
    assert report.checks == {"good": "ok", "table": "failed: ConnectionError"}
