"""Public sample flows from AWS's repositories (tests/flows/samples/README.md names each
source, commit and licence) run unchanged: the check passes them, and each call ends where
the flow says it ends when the local stand-ins (or their absence) answer as they do here.
Also: one transcript line and one JSON step per block, CreateTask routing, asynchronous
Lambda calls and ``--queue``."""

import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from localcloud.flow_files import read_flows
from localcloud.flow_run import CallResult
from localcloud.flow_simulator import FlowSimulator
from localcloud.session import LocalSession
from localcloud.stand_ins import StandIn, load_stand_in
from tests.flows.conftest import Phone

pytestmark = pytest.mark.local_cloud
HERE = Path(__file__).parent
SAMPLES = HERE / "samples"
STAND_INS = HERE / "stand_ins"
RULES = SAMPLES / "rules_engine"
GUIDES = SAMPLES / "step_by_step"
OUTBOUND = SAMPLES / "outbound_call"
CDK = SAMPLES / "cdk_constructs"
INFERENCE = "{{lambdaFunctions.connectrulesinference.arn}}"
CALLBACK_STATUS = "{{lambdaFunctions.connectgetcallbackstatus.arn}}"


def _stand_in(key: str, file: str) -> dict[str, StandIn]:
    name, stand_in = load_stand_in(f"{key}={STAND_INS / file}")
    return {name: stand_in}


def _load(local: LocalSession, folder: Path) -> tuple[FlowSimulator, dict[str, str]]:
    files, problems = read_flows(folder)
    assert problems == []
    simulator = local.cloud.simulator()
    connect = local.cloud.connect
    arns = {file.key: connect.flow_arn(f"sample-{file.key}") for file in files}
    aliases = {alias: arns[file.key] for file in files for alias in file.aliases}
    simulator.add_flows({arns[f.key]: f.flow for f in files}, {arns[f.key]: f.key for f in files}, aliases)
    return simulator, arns


def _call(
    local: LocalSession,
    folder: Path,
    start: str,
    *,
    keys: tuple[str, ...] = (),
    views: tuple[str, ...] = (),
    stand_ins: Mapping[str, StandIn] | None = None,
    queues: Mapping[str, str] | None = None,
    attributes: Mapping[str, str] | None = None,
) -> CallResult:
    simulator, arns = _load(local, folder)
    simulator.stand_ins.update(stand_ins or {})
    simulator.queue_aliases.update(queues or {})
    result = simulator.call(
        arns[start], caller="+31201234567", inputs=keys, views=views, attributes=attributes
    )
    assert len(result.steps) == result.blocks  # one transcript line and one JSON step per block
    return result


def _text(result: CallResult) -> str:
    return "\n".join(step.text for step in result.steps)


@pytest.mark.parametrize("folder", [SAMPLES, RULES, GUIDES, OUTBOUND, CDK], ids=lambda p: p.name)
def test_every_public_sample_passes_the_check(folder: Path) -> None:
    files, problems = read_flows(folder)
    assert problems == []
    assert files


def test_the_samples_cover_many_files_and_every_flow_type_they_use() -> None:
    files = [f for folder in (SAMPLES, RULES, GUIDES, OUTBOUND, CDK) for f in read_flows(folder)[0]]
    assert len(files) >= 50
    kinds = {f.flow.flow_type for f in files}
    assert {"CONTACT_FLOW", "CUSTOMER_QUEUE", "CUSTOMER_HOLD", "AGENT_WHISPER", "FLOW_MODULE"} <= kinds
    assert {"CUSTOMER_WHISPER", "OUTBOUND_WHISPER"} <= kinds


# -- aws-samples/amazon-connect-rules-engine (Apache-2.0) ------------------------------------


def test_rules_engine_without_its_functions_apologises_and_hangs_up(phone: Phone) -> None:
    result = _call(phone.session, RULES, "RulesEngineBootstrap")
    assert result.outcome == "disconnected"
    assert result.prompts() == ["I am sorry, I have encountered an error. Good-bye."]
    assert "give it a stand-in with --lambda" in _text(result)
    assert "transfer to flow RulesEngineMain" in _text(result)


def test_rules_engine_names_another_instances_queue_so_it_takes_its_error_flow(phone: Phone) -> None:
    stand_ins = {**_stand_in(INFERENCE, "rules_engine.py"), **_stand_in(CALLBACK_STATUS, "rules_engine.py")}
    result = _call(phone.session, RULES, "RulesEngineMain", stand_ins=stand_ins)
    assert "no such queue 'arn:aws:connect:ap-southeast-2:111122223333:instance/rules/queue/Sales'" in _text(
        result
    )
    assert result.outcome == "disconnected"
    assert result.attributes["ruleSet"] == "Sales"  # an attribute whose key is a JSONPath


def test_rules_engine_with_its_queue_mapped_queues_the_caller_at_the_rules_priority(phone: Phone) -> None:
    stand_ins = {**_stand_in(INFERENCE, "rules_engine.py"), **_stand_in(CALLBACK_STATUS, "rules_engine.py")}
    result = _call(phone.session, RULES, "RulesEngineMain", stand_ins=stand_ins, queues={"Sales": "general"})
    assert (result.outcome, result.queue, result.priority) == ("connected", "General help desk", 2)
    assert result.prompts() == ["Thanks for calling. Putting you through to sales."]
    for hook in ("AgentWhisper", "CustomerWhisper", "CustomerQueue", "CustomerRemaining"):
        assert f"{hook} flow: RulesEngine" in _text(result)


@pytest.mark.parametrize(
    ("start", "outcome", "said"),
    [
        ("RulesEngineCustomerQueue", "waiting", "(recorded prompt {{prompts.CustomerQueue_wav.arn}})"),
        ("RulesEngineCustomerHold", "ended", "Hi. We will be back with you shortly."),
        ("RulesEngineAgentWhisper", "ended", None),
        ("RulesEngineDTMFMenu", "disconnected", "I am sorry, I have encountered an error. Good-bye."),
    ],
)
def test_rules_engine_queue_hold_whisper_and_menu_flows(
    phone: Phone, start: str, outcome: str, said: str | None
) -> None:
    result = _call(phone.session, RULES, start)
    assert result.outcome == outcome
    assert (result.prompts()[0] if result.prompts() else None) == said


# -- aws-samples/amazon-connect-step-by-step-guides-module-library (MIT-0) --------------------


def test_a_disposition_guide_stores_what_the_agent_chose(phone: Phone) -> None:
    form = 'Next {"FormData": {"disposition": ["Resolved"], "survey": ["Yes"]}}'
    result = _call(phone.session, GUIDES, "disposition_codes", views=(form, "Next"))
    assert result.outcome == "disconnected"
    assert (result.attributes["Disposition"], result.attributes["PostContactSurvey"]) == ("Resolved", "Yes")


def test_a_voice_id_guide_takes_the_error_branch_and_says_why(phone: Phone) -> None:
    view = _call(phone.session, GUIDES, "voice_id_view", views=("Next",))
    assert "CheckVoiceId is not available locally (Amazon Connect Voice ID" in _text(view)
    assert view.attributes["CheckVoiceIdResult"] == "Error"
    handler = _call(phone.session, GUIDES, "voice_id_handler")
    assert "StartVoiceIdStream is not available locally" in _text(handler)
    assert handler.prompts()[-1].startswith("Error with Set Voice ID block.")
    assert handler.outcome == "disconnected"


def test_a_task_guide_creates_a_task_that_its_own_flow_routes_to_an_agent(phone: Phone) -> None:
    """The flow id is a placeholder, but the export names the flow (its display name): the
    guide itself, which sends a TASK contact to the agent it names."""
    result = _call(phone.session, GUIDES, "task_create", views=("ActionSelected",))
    (task,) = result.tasks
    assert task["routed"]["flow"] == "task_create"
    assert task["routed"]["state"] == "connected"
    assert "task created: Sample Task; its flow task_create: connected" in _text(result)
    assert result.outcome == "disconnected"


def test_a_task_whose_flow_is_not_loaded_takes_the_error_branch(phone: Phone) -> None:
    simulator, arns = _load(phone.session, GUIDES)
    simulator.aliases.pop("SBSGuides_Module_Task_Create")
    result = simulator.call(arns["task_create"], caller="+31201234567", views=["ActionSelected"])
    assert "task Sample Task: no flow CONTACT FLOW ID FOR SBSGUIDES_MODULES_TASK_CREATE" in _text(result)
    assert result.tasks == []
    assert result.outcome == "disconnected"


def test_a_guide_finds_a_profile_by_a_field_and_creates_a_case(phone: Phone) -> None:
    simulator, arns = _load(phone.session, GUIDES)
    simulator.profiles.add(PhoneNumber="+31201234567", FirstName="Jan")
    result = simulator.call(arns["agent_workspace_handler"], caller="+31201234567")
    assert "profile found" in _text(result)
    assert "case " in _text(result) and " created" in _text(result)
    assert result.outcome == "disconnected"


# -- aws-samples/sample-amazon-connect-outbound-call (MIT-0) ---------------------------------


def test_the_outbound_call_runs_its_modules_and_takes_the_bots_error_branch(phone: Phone) -> None:
    attributes = {
        "INIT_MODULE_ID": "InitModule",
        "GET_CUST_NAME_MODULE_ID": "GetCustomerNameModule",
        "CUST_RESPONSE_MODULE_ID": "GetCustomerResponseModule",
        "ERROR_HANDLING_MODULE_ID": "ErrorModule",
        "UPDATE_LAMBDA_ARN": "outbound-update",
        "TRIGGER_RECORDING_LAMBDA_ARN": "outbound-recording",
        "instructionDate": "12/01/2026",
    }
    stand_ins = {
        **_stand_in("outbound-update", "status_ok.json"),
        **_stand_in("outbound-recording", "status_ok.json"),
    }
    result = _call(phone.session, OUTBOUND, "OutboundCallFlow", stand_ins=stand_ins, attributes=attributes)
    text = _text(result)
    assert "invokes module InitModule" in text and "invokes module GetCustomerNameModule" in text
    assert "outbound-update(action=updateStatus, status=CONNECTED) -> status=OK" in text
    assert "no Lex bot (none named) on the local cloud: error branch" in text
    assert "outbound-update(action=updateStatus, status=ERROR) -> status=OK" in text
    assert result.prompts()[-1].startswith("<speak>Sorry, we have encountered system error")
    assert result.outcome == "disconnected"


def test_the_outbound_call_without_its_attributes_finds_no_module(phone: Phone) -> None:
    result = _call(phone.session, OUTBOUND, "OutboundCallFlow")
    assert "module '' (from $.Attributes.INIT_MODULE_ID) not found" in _text(result)
    assert result.outcome == "disconnected"


# -- aws-samples/sample-cdk-constructs-for-amazon-connect (MIT-0) ----------------------------


def test_the_cdk_sample_flow_skips_amazon_q_and_queues_with_its_queue_mapped(phone: Phone) -> None:
    unmapped = _call(phone.session, CDK, "inbound-contact-flow")
    assert "CreateWisdomSession is not available locally" in _text(unmapped)
    assert "no working queue set" in _text(unmapped)
    mapped = _call(phone.session, CDK, "inbound-contact-flow", queues={"%QueueArn%": "billing"})
    assert (mapped.outcome, mapped.queue) == ("connected", "Billing")


# -- behaviour the samples needed ------------------------------------------------------------


def test_the_uc17_basic_course_writes_one_step_per_block(phone: Phone) -> None:
    result = phone.call("1", "12345678#", "4321#")
    assert result.outcome == "connected"
    assert len(result.steps) == result.blocks == 32
    assert len({id(step) for step in result.steps}) == result.blocks
    pin = next(s for s in result.steps if s.action == "Ask PIN")
    assert pin.kind == "say+input" and pin.text.endswith("| *** (flow logging off)")


def test_a_prompt_and_its_input_are_one_line_and_one_step(phone: Phone) -> None:
    result = _call(phone.session, HERE / "files", "async_lambda", keys=("1",))
    menu = [s for s in result.steps if s.action == "Menu"]
    assert len(menu) == 1
    assert menu[0].kind == "say+input"
    assert menu[0].text == "says: Press 1 for more. | caller presses 1"
    assert [p.kind for p in menu[0].parts] == ["say", "input"]


def test_an_asynchronous_lambda_does_not_hold_up_the_flow(phone: Phone) -> None:
    stand_ins = _stand_in("crm-notify", "crm_answer.json")
    result = _call(phone.session, HERE / "files", "async_lambda", stand_ins=stand_ins)
    said = result.prompts()[0]
    assert said.startswith("Call ") and said.endswith(" sent; tier ''.")  # $.External untouched
    assert len(said.split()[1]) == 36  # $.LambdaInvocation.InvocationId
    assert "invoked asynchronously" in _text(result)
    unknown = _call(phone.session, HERE / "files", "async_lambda")
    assert unknown.prompts()[0] == "Not sent."  # Lambda refuses a call to a function it lacks


def test_a_created_task_enters_its_flow_and_queue(phone: Phone) -> None:
    result = _call(phone.session, HERE / "files", "every_action", views=("Submit",))
    (task,) = result.tasks
    assert task["routed"]["flow"] == "agent_task"
    assert (task["routed"]["state"], task["routed"]["queue"]) == ("connected", "General help desk")
    assert "task created: Call Jan back; its flow agent_task: connected in General help desk" in _text(result)


def test_the_call_command_maps_another_instances_queue() -> None:
    stand_in = f"{INFERENCE}={STAND_INS / 'rules_engine.py'}"
    status = f"{CALLBACK_STATUS}={STAND_INS / 'rules_engine.py'}"
    command = [sys.executable, "-m", "cli.main", "call", str(RULES), "--caller", "+31201234567"]
    mapped = [*command, "--start", "RulesEngineMain", "--lambda", stand_in, "--lambda", status]
    done = subprocess.run(  # noqa: S603 - our own interpreter and command
        [*mapped, "--queue", "Sales=general", "--open", "--port", "5342"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "outcome: connected to an agent in General help desk (priority 2)" in done.stdout
    bad = subprocess.run(  # noqa: S603 - our own interpreter and command
        [*command, "--queue", "Sales=nowhere"], capture_output=True, text=True, timeout=60, check=False
    )
    assert bad.returncode == 2
    assert "LOCAL_QUEUE one of general" in bad.stderr


def test_a_create_contact_flow_request_is_read_with_its_type(tmp_path: Path) -> None:
    content = (RULES / "empty_customer_queue_flow.json").read_text(encoding="utf-8")
    request = {"Name": "Queue", "Type": "CUSTOMER_QUEUE", "Description": "", "Content": content}
    (tmp_path / "queue_request.json").write_text(json.dumps(request), encoding="utf-8")
    files, problems = read_flows(tmp_path / "queue_request.json")
    assert problems == []
    assert files[0].flow.flow_type == "CUSTOMER_QUEUE"
    assert "Queue" in files[0].aliases


@pytest.mark.parametrize(
    ("kind", "parameters"),
    [
        ("CreateTask", {"Name": "Call back", "Priority": "1"}),
        ("GetCase", {"CustomerId": "c1", "CaseId": "1"}),
        ("CreateCustomerProfile", {"ProfileRequestData": {}, "Domain": "d"}),
        ("ResumeContact", {"ContactId": "1"}),
        ("CheckOutboundCallStatus", {"Detect": "True"}),
    ],
)
def test_the_newly_enumerated_actions_refuse_an_unknown_parameter(
    tmp_path: Path, kind: str, parameters: dict[str, object]
) -> None:
    flow = json.loads((HERE / "files" / "every_action.json").read_text(encoding="utf-8"))
    action = flow["Actions"][0]
    action["Type"], action["Parameters"] = kind, parameters
    (tmp_path / "changed.json").write_text(json.dumps(flow), encoding="utf-8")
    _, problems = read_flows(tmp_path / "changed.json")
    unknown = sorted(set(parameters) - {"Name", "CustomerId", "ProfileRequestData"})
    assert any(f"({kind}): unknown parameters {unknown}" in p for p in problems), problems


def test_an_error_without_a_branch_ends_the_contact_and_says_so(phone: Phone) -> None:
    simulator, arns = _load(phone.session, RULES)
    result = simulator.call(arns["RulesEngineCustomerHold"], caller="+31201234567", channel="CHAT")
    assert result.outcome == "disconnected"
    assert result.steps[-1].text == "NoMatchingError and no branch for it: the contact is disconnected"
