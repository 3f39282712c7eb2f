"""cfn-lint finds no error in any synthesized template."""

import json

import pytest
from cfnlint.api import ManualArgs, lint

from tests.infra.conftest import Synthesized

pytestmark = pytest.mark.infra


def test_cfn_lint_finds_no_errors(synthesized: Synthesized) -> None:
    _lint(synthesized)


def test_cfn_lint_finds_no_errors_with_the_console_on_its_domain(synthesized_on_domain: Synthesized) -> None:
    _lint(synthesized_on_domain)


def _lint(synthesized: Synthesized) -> None:
    for name, template in synthesized.templates.items():
        # Each stack in its own region (the console's web ACL: us-east-1).
        region = next(s.region for s in synthesized.stacks_by_name() if s.stack_name == name)
        found = lint(json.dumps(template), config=ManualArgs(regions=[region]))
        errors = [str(match) for match in found if match.rule.id.startswith("E")]
        assert errors == [], f"{name}: {errors}"
