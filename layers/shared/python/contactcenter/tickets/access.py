"""Who may see and change which ticket: checked on every object, not only on every route.

- Staff (agents, supervisors, admins, back-office integrations) work on every ticket.
- Department members see and work only on their department's tickets; any other ticket is
  answered as if it did not exist.
- Customer-facing integrations (portal) may open tickets, read them and reply publicly;
  they never see internal notes or internal timeline entries, and change nothing else.
"""

from contactcenter.auth import Caller, Role
from contactcenter.errors import Forbidden, NotFound
from contactcenter.tickets.models import Ticket

WORKERS = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.INTEGRATION, Role.SYSTEM, Role.DEPARTMENT)
CREATORS = (*WORKERS, Role.PORTAL)


def can_view(caller: Caller, ticket: Ticket) -> bool:
    if caller.is_staff or Role.PORTAL in caller.roles:
        return True
    return caller.department_only and ticket.department == caller.department


def require_view(caller: Caller, ticket: Ticket) -> None:
    """A ticket the caller may not see does not exist, as far as they can tell."""
    if not can_view(caller, ticket):
        raise NotFound(f"no ticket {ticket.ticket_id}", field="ticket_id")


def require_work(caller: Caller, ticket: Ticket) -> None:
    """Change status, fields, assignment; write internal notes."""
    require_view(caller, ticket)
    if caller.customer_facing:
        raise Forbidden("customer-facing clients may only read tickets and reply publicly")


def sees_internal(caller: Caller) -> bool:
    return not caller.customer_facing
