"""The simulator's handlers for the action types beyond the product's own flows, one module
per concern. Each handler takes (simulator, flow, run, action, parameters) and returns what
the action resolved to: None (NextAction), "error:<Type>" (that error branch), or a value
matched against the action's conditions."""

from localcloud.flow_actions import contact_data, participants, profiles, routing, unavailable
from localcloud.flow_actions.base import Handler

HANDLERS: dict[str, Handler] = {
    **routing.HANDLERS,
    **contact_data.HANDLERS,
    **participants.HANDLERS,
    **profiles.HANDLERS,
    **unavailable.HANDLERS,
}
