"""Who may see and change which ticket: checked on every object, not only on every route.

- Staff (agents, supervisors, admins, back-office integrations) work on every ticket.
- Department members see and work only on their department's tickets; any other ticket is
  answered as if it did not exist.
- An end customer (``Role.CUSTOMER``) sees only their own tickets (any other is answered as if
  it did not exist), opens tickets only for themselves, replies publicly and adds attachments;
  they never see internal notes, internal timeline entries, assignees or tags.
- The customer-facing machine client (``Role.PORTAL``: a web form acting for no one customer)
  may open first-contact tickets, which are never filed on an existing customer's record by an
  e-mail address or number alone, and reads no ticket: whoever wants to read one signs in.
"""

from contactcenter.auth import Caller, Role
from contactcenter.errors import Forbidden, NotFound
from contactcenter.tickets.models import Ticket

WORKERS = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.INTEGRATION, Role.SYSTEM, Role.DEPARTMENT)
CREATORS = (*WORKERS, Role.PORTAL, Role.CUSTOMER)


def can_view(caller: Caller, ticket: Ticket) -> bool:
    if caller.is_staff:
        return True
    if caller.is_customer:
        return caller.owns(ticket.customer_id)
    return caller.department_only and ticket.department == caller.department


def require_view(caller: Caller, ticket: Ticket) -> None:
    """A ticket the caller may not see does not exist, as far as they can tell."""
    if not can_view(caller, ticket):
        raise NotFound(f"no ticket {ticket.ticket_id}", field="ticket_id")


def require_work(caller: Caller, ticket: Ticket) -> None:
    """Change status, fields, assignment; write internal notes."""
    require_view(caller, ticket)
    if caller.customer_facing:
        raise Forbidden("customers may only read their tickets and reply publicly")


def sees_internal(caller: Caller) -> bool:
    return not caller.customer_facing


def matches_contact_details(caller: Caller) -> bool:
    """Whether a first contact's e-mail address or number may file the ticket on the customer
    record that has it. Staff and departments vouch for whom they speak with; a web form or an
    anonymous chat does not, so its first contact gets a record of its own."""
    return not caller.customer_facing
