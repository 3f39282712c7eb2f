"""Flow files as ``contactcenter call`` takes them: one file or a folder, in flow language
(Version 2019-10-30) as the console exports it, as ``aws connect describe-contact-flow``
prints it ({"ContactFlow": {"Content": "...", "Type": ...}}), as a CreateContactFlow request
or a Terraform/CI export holds it ({"Name", "Type", "Content": "..."}), or a module's export.
Each is checked before anything boots, and every problem of every file is reported at once."""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import catalog
from localcloud.flow_language import FLOW_MODULE, Flow, FlowError, check
from localcloud.flow_reference import FLOW_TYPES

_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9]+)\}")
_BY_EXPORT_TYPE = {export: kind for kind, export in FLOW_TYPES.items()}


@dataclass
class FlowFile:
    path: Path
    key: str  # the file's stem: its name in the transcript and its id for transfers
    flow: Flow
    aliases: tuple[str, ...]  # what other flows may call it by: id, ARN, name
    product_key: str | None  # a catalog flow: the cloud loads it itself, with its own ARNs


def product_spec(path: Path) -> catalog.FlowSpec | None:
    for spec in catalog.CONTACT_FLOWS:
        if path.resolve() == spec.path.resolve():
            return spec
    return None


def _unwrap(document: Any) -> tuple[Any, dict[str, Any]]:
    """(the flow language document, what the wrapper says about it)."""
    if isinstance(document, dict):
        for key in ("ContactFlow", "ContactFlowModule"):
            wrapper = document.get(key)
            if isinstance(wrapper, dict) and isinstance(wrapper.get("Content"), str):
                about = {k: v for k, v in wrapper.items() if k != "Content"}
                if key == "ContactFlowModule":
                    about["Type"] = FLOW_MODULE
                return json.loads(wrapper["Content"]), about
        if isinstance(document.get("Content"), str) and "Actions" not in document:
            about = {k: v for k, v in document.items() if k != "Content"}  # CreateContactFlow's shape
            return json.loads(document["Content"]), about
    return document, {}


# A file name that names a flow type ("RulesEngineCustomerQueue.json", "agent-whisper-flow.json"):
# the type when neither the file nor its wrapper says (exports made through the API often omit it).
_NAMED_TYPES = (
    ("customerqueue", "CUSTOMER_QUEUE"),
    ("customerhold", "CUSTOMER_HOLD"),
    ("customerwhisper", "CUSTOMER_WHISPER"),
    ("agenthold", "AGENT_HOLD"),
    ("agentwhisper", "AGENT_WHISPER"),
    ("outboundwhisper", "OUTBOUND_WHISPER"),
    ("agenttransfer", "AGENT_TRANSFER"),
    ("queuetransfer", "QUEUE_TRANSFER"),
)


def _type_in_name(stem: str) -> str | None:
    flat = re.sub(r"[^a-z]", "", stem.lower())
    return next((kind for word, kind in _NAMED_TYPES if word in flat), None)


def flow_type_of(document: dict[str, Any], about: dict[str, Any], given: str | None, stem: str = "") -> str:
    if given:
        return given
    if isinstance(about.get("Type"), str):
        return str(about["Type"])
    metadata = document.get("Metadata") if isinstance(document.get("Metadata"), dict) else {}
    exported = metadata.get("type") if isinstance(metadata, dict) else None
    if isinstance(exported, str) and exported in _BY_EXPORT_TYPE:
        return _BY_EXPORT_TYPE[exported]
    listed = document.get("Actions")
    actions: list[Any] = listed if isinstance(listed, list) else []
    if "Settings" in document or any(
        isinstance(a, dict) and a.get("Type") == "EndFlowModuleExecution" for a in actions
    ):
        return FLOW_MODULE
    return _type_in_name(stem) or "CONTACT_FLOW"


def read_flow(path: Path, flow_type: str | None = None) -> tuple[FlowFile | None, list[str]]:
    """One file, checked: (the flow, or None, and its problems)."""
    name = path.name
    spec = product_spec(path)
    try:
        text = path.read_text(encoding="utf-8")
        if spec is not None:  # the product's placeholders, with ARNs of the same shape
            text = _PLACEHOLDER.sub(lambda m: f"arn:aws:connect:eu-central-1:000000000000:x/{m[1]}", text)
        document, about = _unwrap(json.loads(text))
    except (OSError, ValueError) as error:
        return None, [f"{name}: not a flow file ({error})"]
    if not isinstance(document, dict):
        return None, [f"{name}: not a flow file (a flow is a JSON object)"]
    kind = spec.flow_type if spec is not None else flow_type_of(document, about, flow_type, path.stem)
    flow, problems = check(document, kind, name)
    if flow is None or problems:
        return None, problems
    metadata = document.get("Metadata") if isinstance(document.get("Metadata"), dict) else {}
    aliases = [path.stem, path.name]
    for value in (about.get("Id"), about.get("Arn"), about.get("Name"), (metadata or {}).get("name")):
        if isinstance(value, str) and value:
            aliases.append(value)
    return FlowFile(path, path.stem, flow, tuple(aliases), spec.key if spec else None), []


def read_flows(target: Path, flow_type: str | None = None) -> tuple[list[FlowFile], list[str]]:
    """A file, or every ``*.json`` file of a folder: the flows and every problem found."""
    if target.is_dir():
        paths = sorted(target.glob("*.json"))
        if not paths:
            return [], [f"{target}: no *.json flow files in the folder"]
    elif target.is_file():
        paths = [target]
    else:
        return [], [f"{target}: no such file or folder"]
    files: list[FlowFile] = []
    problems: list[str] = []
    for path in paths:
        found, trouble = read_flow(path, flow_type if target.is_file() else None)
        problems += trouble
        if found is not None:
            files.append(found)
    return files, problems


def start_flow(files: list[FlowFile], target: Path, start: str | None) -> FlowFile:
    """The flow a call starts in: the file itself, ``--start NAME``, or a folder's one flow
    that is no module and no queue, hold or whisper flow."""
    if start:
        for file in files:
            if start in file.aliases:
                return file
        raise FlowError(f"--start {start}: no such flow in {target}")
    if len(files) == 1:
        return files[0]
    contact = [f for f in files if f.flow.flow_type == "CONTACT_FLOW"]
    if len(contact) == 1:
        return contact[0]
    names = ", ".join(f.key for f in contact or files)
    raise FlowError(f"{target}: which flow does the call start in? Give --start (one of {names})")
