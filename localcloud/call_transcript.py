"""How a simulated call reads: the transcript ``contactcenter call`` and the demo print."""

from localcloud.flow_simulator import CallResult

SCREEN_POP = (
    "authenticated",
    "auth_level",
    "customer_id",
    "customer_name",
    "company",
    "tier",
    "products",
    "intent",
    "ani_match",
    "open_ticket_count",
    "latest_ticket_id",
    "latest_ticket_subject",
    "routing_reason",
)


def outcome_line(result: CallResult) -> str:
    if result.outcome == "connected":
        return f"connected to an agent in {result.queue} (priority {result.priority or 'default'})"
    if result.outcome == "waiting":
        return f"waiting in {result.queue} (priority {result.priority or 'default'})"
    if result.outcome == "callback":
        callback = result.callback or {}
        return f"callback queued in {callback.get('queue')} to {callback.get('number')}; caller hung up"
    return result.outcome


def render(result: CallResult, indent: str = "  ") -> list[str]:
    width = max((len(step.action) for step in result.steps), default=10)
    lines = [f"{result.caller} calls -> {result.flow} ({result.channel})"]
    lines += [f"{indent}{step.action:<{width}}  {step.text}" for step in result.steps]
    lines.append(f"{indent}outcome: {outcome_line(result)}")
    pop = {key: result.attributes[key] for key in SCREEN_POP if result.attributes.get(key)}
    if pop:
        lines.append(f"{indent}screen pop: " + ", ".join(f"{k}={v}" for k, v in pop.items()))
    return lines
