"""The CDK app, synthesized once per test session with the flags in cdk.json."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aws_cdk import App

from infra.app_builder import ProductStacks, build_app
from infra.config import ROOT, AppConfig


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
