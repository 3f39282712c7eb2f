"""cfn-lint finds no error in any synthesized template."""

import json

import pytest
from cfnlint.api import ManualArgs, lint

from tests.infra.conftest import Synthesized

pytestmark = pytest.mark.infra


def test_cfn_lint_finds_no_errors(synthesized: Synthesized) -> None:
    for name, template in synthesized.templates.items():
        found = lint(json.dumps(template), config=ManualArgs(regions=["eu-central-1"]))
        errors = [str(match) for match in found if match.rule.id.startswith("E")]
        assert errors == [], f"{name}: {errors}"
