"""The functions of one stack, with the layers they share."""

from collections.abc import Mapping
from typing import Protocol

from aws_cdk import Annotations
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3
from constructs import Construct

import catalog
from catalog import function_environment
from catalog.grants import GrantNames
from infra.config import ROOT, AppConfig
from infra.constructs.knowledge_search import KnowledgeSearch
from infra.constructs.product_function import ARCHITECTURE, RUNTIME, ProductFunction

SHARED_LAYER_DIR = ROOT / "layers" / "shared"
DEPS_PLACEHOLDER_DIR = ROOT / "layers" / "deps"


class DataResources(GrantNames, Protocol):
    """What the functions of a stack may refer to (infra/stacks/names.py)."""

    tables: Mapping[str, dynamodb.ITableV2]
    buses: Mapping[str, events.IEventBus]
    buckets: Mapping[str, s3.IBucket]
    data_key: kms.IKey
    knowledge: KnowledgeSearch


class ProductFunctions(Construct):
    """Every catalog function whose spec names ``stack``."""

    def __init__(
        self, scope: Construct, construct_id: str, *, stack: str, config: AppConfig, data: DataResources
    ) -> None:
        super().__init__(scope, construct_id)
        shared = lambda_.LayerVersion(
            self,
            "SharedLayer",
            description="contactcenter: the shared domain package",
            code=lambda_.Code.from_asset(str(SHARED_LAYER_DIR), exclude=["**/__pycache__", "**/*.pyc"]),
            compatible_runtimes=[RUNTIME],
            compatible_architectures=[ARCHITECTURE],
        )
        deps_dir = config.deps_layer_dir
        if not (deps_dir / "python").is_dir():
            # Synthesis (and the tests) work without the built layer; a deployment must not.
            Annotations.of(self).add_warning_v2(
                "contactcenter:deps-layer-missing",
                f"{deps_dir}/python does not exist: run `make layer` before deploying "
                "(the functions would fail to import their dependencies)",
            )
            deps_dir = DEPS_PLACEHOLDER_DIR
        deps = lambda_.LayerVersion(
            self,
            "DepsLayer",
            description="contactcenter: pinned third-party dependencies (built by make layer)",
            code=lambda_.Code.from_asset(str(deps_dir)),
            compatible_runtimes=[RUNTIME],
            compatible_architectures=[ARCHITECTURE],
        )
        self.functions: dict[str, ProductFunction] = {}
        for spec in catalog.FUNCTIONS:
            if spec.stack != stack:
                continue
            self.functions[spec.name] = ProductFunction(
                self,
                spec.name.title().replace("_", ""),
                spec=spec,
                layers=[deps, shared],
                environment=function_environment(
                    spec, config.stage, data, config.tuning, tracing=config.tracing
                ),
                names=data,
                knowledge=data.knowledge,
                sender_email=config.sender_email,
                report_sender=config.report_sender_email,
                tables=data.tables,
                stage=config.stage,
                data_key=data.data_key,
                log_retention=config.log_retention,
                removal_policy=config.removal_policy,
            )
