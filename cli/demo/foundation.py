"""Chapter: the foundation. The local cloud is up; the API answers through the real handler;
a state machine from its ASL file calls a real handler."""

import json
import time

import catalog
from cli.demo.transcript import Transcript
from localcloud.session import LocalSession


def run(session: LocalSession, transcript: Transcript) -> None:
    cloud = session.cloud
    transcript.chapter("Foundation: local cloud, local API, a workflow calling a real handler")
    transcript.say(
        f"local cloud {cloud.endpoint_url}: {len(catalog.TABLES)} tables, "
        f"{len(catalog.FUNCTIONS)} functions, "
        f"{len(catalog.STATE_MACHINES)} state machines, {len(catalog.EVENT_BUSES)} event buses"
    )
    transcript.say(f"local API {session.api.url}")

    shallow = session.http("GET", "/health")
    transcript.http(shallow, "liveness")
    transcript.expect(
        shallow.status_code == 200 and shallow.json()["status"] == "ok", "GET /health is not ok"
    )

    deep = session.http("GET", "/health", params={"deep": "true"})
    transcript.http(deep, "deep: the handler checks its table on the local cloud")
    transcript.expect(deep.json()["checks"].get("audit_table") == "ok", "deep health check failed")

    missing = session.http("GET", "/no-such-route")
    transcript.http(missing, "unknown route: API Gateway's own answer, as problem+json")
    transcript.expect(missing.status_code == 404, "unknown route is not 404")

    sfn = cloud.client("stepfunctions")
    arn = cloud.resources.state_machines["healthcheck"]
    execution = sfn.start_execution(stateMachineArn=arn, name=f"demo-{int(time.time())}", input="{}")
    description = cloud.wait_for_execution(execution["executionArn"])
    history = sfn.get_execution_history(executionArn=execution["executionArn"])["events"]
    states = [e["stateEnteredEventDetails"]["name"] for e in history if "stateEnteredEventDetails" in e]
    transcript.say(
        f"state machine 'healthcheck' (state_machines/healthcheck.asl.json): {description['status']}"
    )
    transcript.say(f"  states: {' -> '.join(states)}")
    transcript.data("  output", json.loads(description.get("output") or "{}"))
    transcript.expect(description["status"] == "SUCCEEDED", "the healthcheck workflow did not succeed")
