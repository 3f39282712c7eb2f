"""Starting state machines and answering their task tokens, with Step Functions' own
idempotency: an execution name is used once, a task token answers once."""

import json
from typing import Any

from botocore.exceptions import ClientError

from contactcenter import clients
from contactcenter.errors import Conflict

# Step Functions' answers when a token no longer opens anything.
_EXPIRED = {
    "TaskTimedOut": "the workflow's wait timed out before this answer came",
    "InvalidToken": "the task was answered already, or its workflow is no longer running",
    "TaskDoesNotExist": "the workflow's task no longer exists",
}


class WorkflowTaskExpired(Conflict):
    slug = "workflow-task-expired"
    title = "The workflow is no longer waiting for this answer"


def execution_arn(state_machine_arn: str, name: str) -> str:
    """The ARN an execution of ``name`` has (or will have)."""
    return f"{state_machine_arn.replace(':stateMachine:', ':execution:')}:{name}"


def start(state_machine_arn: str, name: str, payload: dict[str, Any]) -> tuple[str, bool]:
    """Start the execution named ``name``; (its ARN, whether this call started it)."""
    try:
        response = clients.client("stepfunctions").start_execution(
            stateMachineArn=state_machine_arn, name=name, input=json.dumps(payload)
        )
    except ClientError as error:
        if error.response["Error"]["Code"] == "ExecutionAlreadyExists":
            return execution_arn(state_machine_arn, name), False
        raise
    return str(response["executionArn"]), True


def answer(token: str, output: dict[str, Any], *, field: str) -> None:
    """Complete the task ``token`` stands for; a token that opens nothing is reported."""
    try:
        clients.client("stepfunctions").send_task_success(taskToken=token, output=json.dumps(output))
    except ClientError as error:
        code = error.response["Error"]["Code"]
        if code in _EXPIRED:
            raise WorkflowTaskExpired(_EXPIRED[code], field=field, reason=code) from None
        raise
