"""The catalog's event rules: a pattern on a product bus, delivered to a function.

EventBridge invokes the function asynchronously (its own retries and on-failure queue then
apply); a delivery EventBridge itself cannot make is retried for a day and then kept in an
encrypted dead-letter queue.
"""

from collections.abc import Mapping
from typing import Any

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_kms as kms
from constructs import Construct

import catalog
from infra.constructs.encrypted_queue import EncryptedQueue
from infra.constructs.product_function import ProductFunction


class EventRules(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        buses: Mapping[str, events.IEventBus],
        functions: Mapping[str, ProductFunction],
        data_key: kms.IKey,
        removal_policy: RemovalPolicy = RemovalPolicy.RETAIN,
    ) -> None:
        super().__init__(scope, construct_id)
        rules = [rule for rule in catalog.EVENT_RULES if rule.function in functions]
        if not rules:
            return
        self.dead_letters = EncryptedQueue(
            self,
            "Undeliverable",
            encryption_key=data_key,
            removal_policy=removal_policy,
            dead_letters_of="events the rules could not deliver to their functions",
        )
        self.rules: dict[str, events.Rule] = {}
        for rule in rules:
            pattern = rule.pattern
            self.rules[rule.key] = events.Rule(
                self,
                rule.key.title().replace("_", ""),
                event_bus=buses[rule.bus] if rule.bus else None,
                description=rule.description,
                schedule=events.Schedule.expression(rule.schedule) if rule.schedule else None,
                event_pattern=None
                if rule.schedule
                else events.EventPattern(
                    source=_values(pattern.get("source", [])),
                    detail_type=_values(pattern.get("detail-type", [])),
                    detail=dict(pattern["detail"]) if "detail" in pattern else None,
                ),
                targets=[
                    targets.LambdaFunction(
                        functions[rule.function].function,
                        dead_letter_queue=self.dead_letters.queue,
                        retry_attempts=8,
                        max_event_age=Duration.hours(24),
                    )
                ],
            )


def _values(values: list[Any]) -> list[str] | None:
    """A pattern's list of values; content filters ({"prefix": ...}) become CDK matchers."""
    converted = [events.Match.prefix(v["prefix"])[0] if isinstance(v, dict) else str(v) for v in values]
    return converted or None
