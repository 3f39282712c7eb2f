"""The local cloud's Athena gives every report the answer the local engine gives: the report's
SQL written for Athena (Trino, positional parameters as SQL literals), run by the local Athena
in DuckDB, read back as GetQueryResults pages, equals the SQL written for DuckDB directly."""

from pathlib import Path

import pytest

from contactcenter.reports.definitions import REPORTS
from contactcenter.reports.engines import Result, athena_literal, result_from_pages
from contactcenter.reports.query import compile_query
from contactcenter.reports.service import run_report
from localcloud.athena import run_query, with_parameters
from localcloud.lake import DuckDbEngine
from tests.reports.fixtures import options, write_fixed_lake


class _AsAthena:
    """An engine that takes the deployed path's steps, with the local Athena's execution."""

    def __init__(self, lake: Path) -> None:
        self.lake = lake

    def run(self, source: str, values: dict[str, object]) -> Result:
        query = compile_query(source, "trino")
        literals = [athena_literal(values[name]) for name in query.parameters]
        return result_from_pages([run_query(self.lake, query.sql, literals).to_dict()])


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fixed_lake(tmp_path_factory.mktemp("lake"))


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_athena_and_duckdb_agree(lake: Path, name: str) -> None:
    period = {"start": "2026-11-02", "end": "2026-11-03", **options(name)}
    direct = run_report(DuckDbEngine(lake), name, **period)
    through_athena = run_report(_AsAthena(lake), name, **period)  # type: ignore[arg-type]
    assert through_athena.result == direct.result
    assert direct.result.rows, "the fixed lake has figures for every report"


def test_parameters_go_where_the_placeholders_are() -> None:
    query = "SELECT '?' AS mark, x FROM t WHERE a = ? AND b BETWEEN ? AND ?"
    assert with_parameters(query, ["'x''y'", "1", "NULL"]) == (
        "SELECT '?' AS mark, x FROM t WHERE a = 'x''y' AND b BETWEEN 1 AND NULL"
    )
    with pytest.raises(ValueError, match="3 parameters, 1 were given"):
        with_parameters(query, ["1"])


def test_a_literal_cannot_break_out_of_its_quotes(lake: Path) -> None:
    hostile = athena_literal("billing' OR '1'='1")
    answer = run_query(lake, "SELECT count(*) AS n FROM contact_records WHERE queue_name = ?", [hostile])
    assert result_from_pages([answer.to_dict()]).rows == [(0,)]
