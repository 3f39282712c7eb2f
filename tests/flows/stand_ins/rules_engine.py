"""A stand-in for the functions of AWS's rules engine sample (aws-samples/amazon-connect-rules-engine):
whatever the flow asks (the rules inference, the callback status), the current rule is the
same one: say a message and queue the caller for Sales, at priority 2."""

from typing import Any

RULE = {
    "CurrentRule_nextFlowArn": (
        "arn:aws:connect:ap-southeast-2:111122223333:instance/rules/contact-flow/RulesEngineQueue"
    ),
    "CurrentRule_queueArn": "arn:aws:connect:ap-southeast-2:111122223333:instance/rules/queue/Sales",
    "CurrentRule_messageType": "text",
    "CurrentRule_message": "Thanks for calling. Putting you through to sales.",
    "CurrentRule_attributeCount": "1",
    "CurrentRule_attributeKey0": "ruleSet",
    "CurrentRule_attributeValue0": "Sales",
    "CurrentRule_queueRoutingPriority": "2",
    "CurrentRule_profileSearchEnabled": "false",
    "CurrentRule_outOfHoursTerminate": "false",
    "CurrentRule_CallbackStatus": "NONE",
}


def handler(event: dict[str, Any], context: Any) -> dict[str, str]:
    return dict(RULE)
