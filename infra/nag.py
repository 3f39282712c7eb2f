"""Acknowledging a cdk-nag finding: always one rule (or one finding of it), always a reason."""

from aws_cdk import Acknowledgment, Validations
from constructs import IConstruct


def acknowledge(construct: IConstruct, rule: str, reason: str) -> None:
    if len(reason) < 20:
        raise ValueError(f"{rule}: give a real reason for the suppression")
    Validations.of(construct).acknowledge(Acknowledgment(id=rule, reason=reason))
