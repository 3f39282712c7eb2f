"""How a simulated call reads: the transcript ``contactcenter call`` and the demo print."""

from localcloud.flow_simulator import CallResult, Step

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
    lines = [header(result.caller, result.flow, result.channel)]
    lines += [step_line(step, width, indent) for step in result.steps]
    lines += ending(result, indent)
    return lines


def header(caller: str, flow: str, channel: str) -> str:
    return f"{caller} calls -> {flow} ({channel})"


def step_line(step: Step, width: int, indent: str = "  ") -> str:
    """A block's one transcript line."""
    return f"{indent}{step.action:<{width}}  {step.text}"


def ending(result: CallResult, indent: str = "  ") -> list[str]:
    """The outcome line and the screen pop (``contactcenter call`` prints the steps as they run)."""
    lines = [f"{indent}outcome: {outcome_line(result)}"]
    pop = {key: result.attributes[key] for key in SCREEN_POP if result.attributes.get(key)}
    if pop:
        lines.append(f"{indent}screen pop: " + ", ".join(f"{k}={v}" for k, v in pop.items()))
    return lines
