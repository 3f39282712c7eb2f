"""Property-based tests from the OpenAPI document, against the local API (bounded for CI):
no request the document allows makes the API fail, and every answer matches the document.

(schemathesis' own pytest plugin does not work with pytest 9 yet, so the operations are
driven with Hypothesis directly.)
"""

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from localcloud.session import LocalSession

pytestmark = pytest.mark.local_cloud
EXAMPLES_PER_OPERATION = 8
# Not positive_data_acceptance: a schema-valid request may still break a domain rule (a stale
# If-Match is 412, an unknown ticket type 422), and those answers are documented.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def test_the_api_keeps_its_documented_promises(local: LocalSession) -> None:
    schema = schemathesis.openapi.from_url(f"{local.api.url}/openapi.json")
    headers = {"Authorization": f"Bearer {local.token('admin')}"}
    failures: dict[str, str] = {}
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except Exception as error:  # noqa: BLE001 - collect every operation's failure, then report
            failures[operation.label] = str(error)[:2000]
    assert operations >= 20
    assert failures == {}
