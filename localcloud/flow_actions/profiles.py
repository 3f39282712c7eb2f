"""Customer Profiles and Cases blocks, backed by local stand-ins: ``LocalProfiles`` holds
profiles and cases in memory for the simulator (``simulator.profiles``), empty until a flow
or a test creates some. Profile objects and calculated attributes have no stand-in: those
blocks take NoneFoundError and say so."""

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from localcloud.flow_actions.base import Action, Handler, Parameters
from localcloud.flow_language import Flow
from localcloud.flow_run import Run, resolve_all

if TYPE_CHECKING:
    from localcloud.flow_simulator import FlowSimulator

# Search keys (IdentifierName) and the profile fields they match.
IDENTIFIERS = {
    "_phone": ("PhoneNumber", "MobilePhoneNumber", "HomePhoneNumber", "BusinessPhoneNumber"),
    "_email": ("EmailAddress", "PersonalEmailAddress", "BusinessEmailAddress"),
    "_profileId": ("ProfileId",),
    "_account": ("AccountNumber",),
    "_fullName": ("FullName",),
}


@dataclass
class LocalProfiles:
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    cases: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, **fields: Any) -> str:
        profile_id = str(fields.pop("ProfileId", "") or uuid.uuid4().hex)
        self.profiles[profile_id] = {"ProfileId": profile_id, **fields}
        return profile_id

    def search(self, name: str, value: str) -> list[dict[str, Any]]:
        keys = IDENTIFIERS.get(name, (name,))
        return [p for p in self.profiles.values() if any(str(p.get(k, "")) == value for k in keys if value)]


def _request(parameters: Parameters, run: Run) -> dict[str, Any]:
    data = resolve_all(parameters.get("ProfileRequestData", {}), run.contact)
    return data if isinstance(data, dict) else {}


def _found(run: Run, action: Action, profile: dict[str, Any], verb: str) -> None:
    run.contact.customer = dict(profile)
    run.contact.customer_id = str(profile.get("ProfileId", ""))
    run.log(action["Identifier"], "profile", f"profile {verb}: {profile.get('ProfileId')}", profile=profile)


def _criteria(request: dict[str, Any]) -> tuple[list[tuple[str, str]], bool]:
    """GetCustomerProfile's search keys, and whether all must match: IdentifierName and
    IdentifierValue (the docs also spell it IdentiferValue), SearchCriteria with a
    LogicalOperator, or (older exports) profile fields and their values."""
    if "IdentifierName" in request:
        value = request.get("IdentifierValue", request.get("IdentiferValue", ""))
        return [(str(request["IdentifierName"]), str(value))], True
    if isinstance(request.get("SearchCriteria"), list):
        pairs = [
            (str(c.get("IdentifierName", "")), str(c.get("IdentifierValue", "")))
            for c in request["SearchCriteria"]
            if isinstance(c, dict)
        ]
        return pairs, str(request.get("LogicalOperator", "AND")).upper() != "OR"
    return [(str(k), str(v)) for k, v in request.items() if isinstance(v, str | int)], True


def get_profile(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    criteria, every = _criteria(_request(parameters, run))
    found = [{p["ProfileId"] for p in sim.profiles.search(n, v)} for n, v in criteria]
    ids = set.intersection(*found) if every and found else set().union(*found)
    matches = [sim.profiles.profiles[i] for i in sorted(ids)]
    shown = f" {'and' if every else 'or'} ".join(f"{n}={v}" for n, v in criteria) or "no search key"
    if not matches:
        run.log(action["Identifier"], "profile", f"no profile with {shown} (local Customer Profiles)")
        return "error:NoneFoundError"
    if len(matches) > 1:
        run.log(action["Identifier"], "profile", f"{len(matches)} profiles with {shown}")
        return "error:MultipleFoundError"
    _found(run, action, matches[0], "found")
    return None


def create_profile(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    request = _request(parameters, run)
    profile_id = sim.profiles.add(**request)
    _found(run, action, sim.profiles.profiles[profile_id], "created")
    return None


def update_profile(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    request = _request(parameters, run)
    profile_id = str(request.pop("ProfileId", "") or run.contact.customer_id)
    if profile_id not in sim.profiles.profiles:
        run.log(action["Identifier"], "profile", f"no profile {profile_id!r} to update")
        return "error:NoMatchingError"
    sim.profiles.profiles[profile_id].update(request)
    _found(run, action, sim.profiles.profiles[profile_id], "updated")
    return None


def associate(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    request = _request(parameters, run)
    profile_id = str(request.get("ProfileId", "") or run.contact.customer_id)
    if profile_id not in sim.profiles.profiles:
        run.log(action["Identifier"], "profile", f"no profile {profile_id!r} to associate the contact with")
        return "error:NoMatchingError"
    _found(run, action, sim.profiles.profiles[profile_id], "associated with the contact")
    return None


def no_objects(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    line = f"{action['Type']}: the local Customer Profiles keeps no profile objects or calculated attributes"
    run.log(action["Identifier"], "profile", line)
    return "error:NoneFoundError"


def _case_fields(parameters: Parameters, run: Run) -> dict[str, Any]:
    fields = resolve_all(parameters.get("CaseRequestFields", {}), run.contact)
    return fields if isinstance(fields, dict) else {}


def create_case(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    case_id = uuid.uuid4().hex[:12]
    case = {"case_id": case_id, "customer_id": run.contact.customer_id, **_case_fields(parameters, run)}
    sim.profiles.cases[case_id] = case
    run.contact.case = dict(case)
    run.log(action["Identifier"], "case", f"case {case_id} created", case=case)
    return None


def get_case(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    wanted = {k: v for k, v in _case_fields(parameters, run).items() if v}
    customer = str(resolve_all(parameters.get("CustomerId", run.contact.customer_id), run.contact))
    matches = [
        c
        for c in sim.profiles.cases.values()
        if (not customer or c.get("customer_id") == customer)
        and all(c.get(k) == v for k, v in wanted.items())
    ]
    if not matches:
        run.log(action["Identifier"], "case", "no matching case (local Cases)")
        return _case_error(action, "NoneFound")
    if len(matches) > 1 and str(parameters.get("GetLastUpdatedCase", "False")).lower() != "true":
        run.log(action["Identifier"], "case", f"{len(matches)} matching cases")
        return _case_error(action, "MultipleFound")
    run.contact.case = dict(matches[-1])
    run.log(action["Identifier"], "case", f"case {matches[-1]['case_id']} found", case=matches[-1])
    return None


def _case_error(action: Action, kind: str) -> str:
    """GetCase's documented errors are NoneFound and MultipleFound; older checks accepted the
    profile blocks' names (NoneFoundError, MultipleFoundError), so a flow gets the one it has."""
    errors = {e.get("ErrorType") for e in action.get("Transitions", {}).get("Errors", [])}
    return f"error:{kind}" if kind in errors or f"{kind}Error" not in errors else f"error:{kind}Error"


def update_case(
    sim: "FlowSimulator", flow: Flow, run: Run, action: Action, parameters: Parameters
) -> str | None:
    case_id = str(resolve_all(parameters.get("CaseId", run.contact.case.get("case_id", "")), run.contact))
    if case_id not in sim.profiles.cases:
        run.log(action["Identifier"], "case", f"no case {case_id!r} to update")
        return "error:NoMatchingError"
    sim.profiles.cases[case_id].update(_case_fields(parameters, run))
    run.contact.case = dict(sim.profiles.cases[case_id])
    run.log(action["Identifier"], "case", f"case {case_id} updated", case=run.contact.case)
    return None


HANDLERS: dict[str, Handler] = {
    "GetCustomerProfile": get_profile,
    "CreateCustomerProfile": create_profile,
    "UpdateCustomerProfile": update_profile,
    "AssociateContactToCustomerProfile": associate,
    "GetCustomerProfileObject": no_objects,
    "GetCalculatedAttributesForCustomerProfile": no_objects,
    "CreateCase": create_case,
    "GetCase": get_case,
    "UpdateCase": update_case,
}
