"""The CDK app, synthesized once per test session with the flags in cdk.json."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aws_cdk import App, Stack

from infra.app_builder import ProductStacks, build_app
from infra.config import ROOT, AppConfig

CONSOLE_FIXTURE = Path(__file__).parent / "fixtures" / "console"


@dataclass
class Synthesized:
    outdir: Path
    stacks: ProductStacks
    templates: dict[str, dict[str, Any]]  # stack name -> template

    def resources(self, resource_type: str) -> dict[str, dict[str, Any]]:
        """Every resource of ``resource_type``, keyed by '<stack>/<logical id>'."""
        return {
            f"{stack}/{logical_id}": resource
            for stack, template in self.templates.items()
            for logical_id, resource in template["Resources"].items()
            if resource["Type"] == resource_type
        }

    def stacks_by_name(self) -> list[Stack]:
        return [s for s in vars(self.stacks).values() if isinstance(s, Stack)]

    def template(self, stack_suffix: str) -> dict[str, Any]:
        return next(t for name, t in self.templates.items() if name.endswith(f"-{stack_suffix}"))


def synthesize(outdir: Path, **context: Any) -> Synthesized:
    flags = json.loads((ROOT / "cdk.json").read_text())["context"]
    app = App(
        outdir=str(outdir),
        context={
            **flags,
            "aws:cdk:enable-asset-metadata": True,
            "aws:cdk:enable-path-metadata": True,
            # A two-file stand-in for the built console (make console builds the real one).
            "consoleBuildDir": str(CONSOLE_FIXTURE.relative_to(ROOT)),
            **context,
        },
    )
    stacks = build_app(app, AppConfig.from_context(app))
    assembly = app.synth()
    templates = {stack.stack_name: stack.template for stack in assembly.stacks}
    return Synthesized(outdir=outdir, stacks=stacks, templates=templates)


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synthesized]:
    return synthesize(tmp_path_factory.mktemp("cdk.out"))


# The console on its own domain, with an existing web ACL: the other branch of each choice
# (TLS 1.2 certificate, no us-east-1 stack, CORS for the console's origin).
CONSOLE_DOMAIN = "console.example.com"
CONSOLE_CONTEXT = {
    "consoleDomainName": CONSOLE_DOMAIN,
    "consoleCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/"
    "11111111-2222-3333-4444-555555555555",
    "consoleWebAclArn": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/console/"
    "11111111-2222-3333-4444-555555555555",
    "authDomainPrefix": "contactcenter-test",
}


@pytest.fixture(scope="session")
def synthesized_on_domain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synthesized]:
    return synthesize(tmp_path_factory.mktemp("cdk.out.domain"), **CONSOLE_CONTEXT)
