"""The ticket lifecycle.

Every change is one DynamoDB transaction that writes the ticket (conditional on its version),
a timeline entry and an audit record together; the timeline table's stream then publishes the
domain event (events/publisher.py), so a change and its event can never disagree.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.models import Model

from contactcenter import clock, ids
from contactcenter.api.pagination import decode_cursor, encode_cursor
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import Caller, Role
from contactcenter.customers.models import Customer
from contactcenter.customers.schemas import CustomerIn
from contactcenter.customers.service import CustomerService, history_entry
from contactcenter.directory.assignment import Choice, TicketFacts, choose
from contactcenter.directory.models import Agent, Department
from contactcenter.errors import (
    Conflict,
    Forbidden,
    InvalidRequest,
    NotFound,
    PreconditionFailed,
    ValidationFailed,
)
from contactcenter.rate_limits import Limiter
from contactcenter.storage import Put, failed_condition, transaction
from contactcenter.tickets import views
from contactcenter.tickets.access import (
    CREATORS,
    matches_contact_details,
    require_view,
    require_work,
    sees_internal,
)
from contactcenter.tickets.attachments import AttachmentStore
from contactcenter.tickets.models import SEQUENCE_ID, Ticket, TicketSequence, TimelineEntry
from contactcenter.tickets.schemas import (
    AssignmentIn,
    AttachmentIn,
    CommentIn,
    TicketIn,
    TicketPatch,
    TransitionIn,
)
from contactcenter.tickets.status import LOOP_ENDED, WORKLOAD, ClosedLoopRunning, Status, check_transition

DEFAULT_TYPES = ("complaint", "request", "compliment", "inquiry")


class SlaPlanning(Protocol):
    """Keeps a ticket's SLA due times and escalation state (the sla context's ``SlaPlanner``,
    which depends on tickets; tickets know it only through this port)."""

    def apply(self, ticket: Ticket, now: datetime) -> None: ...


@dataclass(frozen=True)
class ListFilters:
    status: str | None = None
    type: str | None = None
    assignee: str | None = None
    department: str | None = None
    customer: str | None = None
    sla: str | None = None  # at_risk | breached


class TicketService:
    def __init__(
        self,
        *,
        ticket_types: Sequence[str] = DEFAULT_TYPES,
        reopen_window: timedelta = timedelta(days=7),
        attachments: AttachmentStore | None = None,
        customers: CustomerService | None = None,
        sla: "SlaPlanning | None" = None,
        creation_limit: Limiter | None = None,
    ) -> None:
        self.ticket_types = tuple(ticket_types)
        # Tickets per customer per hour from self-service (customer-facing clients, the chat);
        # staff open as many as their work needs.
        self.creation_limit = creation_limit
        self.reopen_window = reopen_window
        self.attachments = attachments
        self.customers = customers or CustomerService()
        self.sla = sla  # without it (a deployment without SLA policies) no due times are kept

    # -- reading --------------------------------------------------------------------------

    def get(self, caller: Caller, ticket_id: str) -> Ticket:
        try:
            ticket = Ticket.get(ticket_id)
        except DoesNotExist:
            raise NotFound(f"no ticket {ticket_id}", field="ticket_id") from None
        require_view(caller, ticket)
        return ticket

    def list_tickets(
        self, caller: Caller, filters: ListFilters, *, limit: int, cursor: str | None
    ) -> tuple[list[Ticket], str | None]:
        """One Query on the index of the most selective filter; the rest filter that Query."""
        if caller.department_only:
            if filters.department not in (None, caller.department):
                raise NotFound(f"no department {filters.department} among yours", field="department")
            filters = replace(filters, department=caller.department)
        if caller.customer_facing:
            if not caller.is_customer:
                raise Forbidden("a customer-facing client reads no tickets: the customer signs in")
            if filters.customer not in (None, caller.customer_id):
                raise NotFound(f"no customer {filters.customer} among yours", field="customer")
            if filters.assignee:
                raise InvalidRequest("customers do not filter by assignee", field="assignee")
            filters = replace(filters, customer=caller.customer_id)
        if filters.type and filters.type not in self.ticket_types:
            raise ValidationFailed(f"unknown ticket type {filters.type!r}", field="type")
        plans = (
            ("sla", Ticket.by_sla_state),  # few tickets are at risk or in breach: the narrowest
            ("customer", Ticket.by_customer),
            ("assignee", Ticket.by_assignee),
            ("department", Ticket.by_department),
            ("status", Ticket.by_status),
            ("type", Ticket.by_type),
        )
        attributes = {
            "status": Ticket.status,
            "type": Ticket.ticket_type,
            "assignee": Ticket.assignee_id,
            "department": Ticket.department,
            "customer": Ticket.customer_id,
            "sla": Ticket.sla_state,
        }
        index, key, used = Ticket.by_created, "ticket", None
        for name, candidate in plans:
            value = getattr(filters, name)
            if value:
                index, key, used = candidate, value, name
                break
        condition = None
        for name, attribute in attributes.items():
            value = getattr(filters, name)
            if value and name != used:
                term = attribute == value
                condition = term if condition is None else condition & term
        query = f"tickets:{index.Meta.index_name}:{sorted(filters.__dict__.items())}"
        results = index.query(
            key,
            filter_condition=condition,
            scan_index_forward=False,
            limit=limit,
            last_evaluated_key=decode_cursor(cursor, query),
        )
        return list(results), encode_cursor(results.last_evaluated_key, query)

    def timeline(
        self, caller: Caller, ticket_id: str, *, limit: int, cursor: str | None, comments_only: bool = False
    ) -> tuple[list[TimelineEntry], str | None]:
        self.get(caller, ticket_id)
        condition = None
        if comments_only:
            condition = TimelineEntry.kind == "commented"
        if not sees_internal(caller):
            public = TimelineEntry.visibility == "public"
            condition = public if condition is None else condition & public
        query = f"timeline:{ticket_id}:{comments_only}:{sees_internal(caller)}"
        results = TimelineEntry.query(
            ticket_id,
            filter_condition=condition,
            limit=limit,
            last_evaluated_key=decode_cursor(cursor, query),
        )
        return list(results), encode_cursor(results.last_evaluated_key, query)

    # -- creating -------------------------------------------------------------------------

    def create(
        self, caller: Caller, data: TicketIn, *, match_contact: bool = True, self_service: bool = False
    ) -> Ticket:
        """``match_contact=False``: a first contact is never filed on an existing record by its
        e-mail address or number (an anonymous chat); customer-facing clients never are.
        ``self_service``: opened for a customer by the product's own front (the chat), limited
        per customer as customer-facing callers are."""
        caller.require(*CREATORS)
        if caller.is_customer and (data.customer is not None or not caller.owns(data.customer_id)):
            raise ValidationFailed(
                "customers open tickets for themselves: give your customer_id",
                field=("customer" if data.customer is not None else "customer_id"),
            )
        if caller.customer_facing and not caller.is_customer and data.customer_id is not None:
            raise ValidationFailed(
                "a customer-facing client opens first contacts (customer); a customer's own ticket "
                "needs the customer's token",
                field="customer_id",
            )
        if data.type not in self.ticket_types:
            raise ValidationFailed(
                f"unknown ticket type {data.type!r}; this contact center uses {', '.join(self.ticket_types)}",
                field="type",
            )
        if caller.department_only and data.department not in (None, caller.department):
            raise ValidationFailed(
                "department members open tickets for their own department", field="department"
            )
        if self.creation_limit is not None and (self_service or caller.customer_facing):
            self.creation_limit.hit(_ticket_owner(data), "too many tickets for this customer this hour")
        now = clock.iso(clock.now())
        new_customer: Customer | None = None
        customer_id = data.customer_id
        if data.customer is not None:
            customer_id, new_customer = self._customer_for_contact(
                caller, data, match=match_contact and matches_contact_details(caller)
            )
        ticket = Ticket(
            ticket_id=self._next_id(),
            ticket_type=data.type,
            status=Status.NEW.value,
            priority=data.priority,
            channel=data.channel,
            subject=data.subject,
            description=data.description,
            category=data.category,
            product=data.product,
            language=data.language,
            customer_id=customer_id,
            department=caller.department if caller.department_only else data.department,
            tags=data.tags,
            created_at=now,
            updated_at=now,
            created_by=caller.actor,
        )
        extra: list[Any] = [
            history_entry(
                customer_id or "", "ticket", ticket.ticket_id, data.channel, f"{data.type}: {data.subject}"
            )
        ]
        if data.assign == "auto":
            choice = self._choose(ticket, new_customer)
            extra += self._apply_choice(ticket, choice)
        if self.sla is not None:
            ticket.customer_tier = new_customer.tier if new_customer else self._tier(customer_id)
            self._plan(ticket)
        if new_customer is not None:
            extra += self.customers.creation_items(caller, new_customer)
        checks = [] if new_customer else [(Customer, customer_id, Customer.customer_id.exists())]
        try:
            self._commit(
                caller,
                ticket,
                None,
                "created",
                f"{data.type} opened via {data.channel}",
                extra=extra,
                checks=checks,
                create=True,
            )
        except TransactWriteError as error:
            # The customer's check is the transaction's first item; another failed condition
            # (the ticket id taken) is no fault of the request's and not reported as one.
            if checks and failed_condition(error) == 0:
                raise ValidationFailed(f"no customer {customer_id}", field="customer_id") from None
            raise
        return ticket

    def _customer_for_contact(
        self, caller: Caller, data: TicketIn, *, match: bool
    ) -> tuple[str, Customer | None]:
        """First contact: the customer with this phone or e-mail (when ``match``), or a new record."""
        contact = data.customer
        assert contact is not None
        if match:
            found = self.customers.lookup(phone=contact.phone, email=contact.email, account_number=None)
            if found:
                return found[0].customer_id, None
        customer = self.customers.new_customer(
            caller,
            CustomerIn(
                name=contact.name or contact.email or contact.phone or "Unknown caller",
                email=contact.email,
                phones=[contact.phone] if contact.phone else [],
                language=data.language or "en",
            ),
        )
        return customer.customer_id, customer

    @staticmethod
    def _next_id() -> str:
        sequence = TicketSequence(ticket_id=SEQUENCE_ID)
        sequence.update(actions=[TicketSequence.value.add(1)])
        return f"T-{int(sequence.value):06d}"

    # -- changing -------------------------------------------------------------------------

    def update(self, caller: Caller, ticket_id: str, patch: TicketPatch, expected_version: int) -> Ticket:
        ticket = self._for_change(caller, ticket_id, expected_version)
        changes = patch.model_dump(exclude_unset=True)
        if "type" in changes and changes["type"] not in self.ticket_types:
            raise ValidationFailed(f"unknown ticket type {changes['type']!r}", field="type")
        before = views.snapshot(ticket)
        diff = {}
        for field, value in changes.items():
            attribute = "ticket_type" if field == "type" else field
            old = getattr(ticket, attribute)
            if old != value:
                diff[field] = [old, value]
                setattr(ticket, attribute, value)
        if not diff:
            return ticket
        ticket.updated_at = clock.iso(clock.now())
        if diff.keys() & {"priority", "type"}:
            self._plan(ticket)
        self._commit(
            caller,
            ticket,
            before,
            "updated",
            f"changed {', '.join(sorted(diff))}",
            changes=diff,
            visibility="internal",
        )
        return ticket

    def transition(
        self,
        caller: Caller,
        ticket_id: str,
        data: TransitionIn,
        expected_version: int,
        *,
        workflow: Mapping[str, Any] | None = None,
    ) -> Ticket:
        """Move the ticket; ``workflow`` fields (the closed loop's state) change with it."""
        ticket = self._for_change(caller, ticket_id, expected_version)
        current = Status(ticket.status)
        looping = ticket.workflow_state is not None and ticket.workflow_state not in LOOP_ENDED
        if looping and workflow is None and data.to in (Status.RESOLVED, Status.CLOSED):
            raise ClosedLoopRunning(
                f"complaint {ticket_id} is in its closed loop ({ticket.workflow_state}): the department "
                "records its resolution with POST /tickets/{id}/resolution, and the loop closes the "
                "complaint after the follow-up call",
                field="to",
                workflow_state=ticket.workflow_state,
            )
        now = clock.now()
        check_transition(
            current,
            data.to,
            pending_on=data.pending_on,
            disposition=data.disposition,
            resolved_at=datetime.fromisoformat(ticket.resolved_at) if ticket.resolved_at else None,
            now=now,
            reopen_window=self.reopen_window,
        )
        before = views.snapshot(ticket)
        stamp = clock.iso(now)
        ticket.status = data.to.value
        ticket.pending_on = data.pending_on.value if data.pending_on else None
        ticket.updated_at = stamp
        if data.disposition:
            ticket.disposition = data.disposition
        if data.resolution:
            ticket.resolution = data.resolution
        if data.to is Status.RESOLVED:
            ticket.resolved_at = stamp
        elif data.to is Status.CLOSED:
            ticket.closed_at = stamp
        elif data.to is Status.OPEN and current is Status.RESOLVED:
            ticket.resolved_at = None
            ticket.reopen_count = int(ticket.reopen_count) + 1
        for name, value in (workflow or {}).items():
            setattr(ticket, name, value)
        self._plan(ticket)
        extra = self._workload_change(ticket.assignee_id, current, data.to)
        summary = f"{current.value} → {data.to.value}"
        if data.pending_on:
            summary += f" (on {data.pending_on.value})"
        changes: dict[str, list[str | None]] = {"status": [current.value, data.to.value]}
        if data.note:
            changes["note"] = [None, data.note]
        if data.resolution:
            changes["resolution"] = [before.get("resolution"), data.resolution]
        self._commit(caller, ticket, before, "status_changed", summary, changes=changes, extra=extra)
        return ticket

    def assign(self, caller: Caller, ticket_id: str, data: AssignmentIn, expected_version: int) -> Ticket:
        ticket = self._for_change(caller, ticket_id, expected_version)
        if Status(ticket.status) in (Status.RESOLVED, Status.CLOSED):
            raise Conflict(
                f"a {ticket.status} ticket is not assigned", field="ticket_id", current_status=ticket.status
            )
        before = views.snapshot(ticket)
        if data.mode == "auto":
            choice = self._choose(ticket, None)
        elif data.agent_id:
            agent = self._agent(data.agent_id)
            if data.department and data.department != agent.department_id:
                raise ValidationFailed(
                    f"agent {agent.agent_id} works in {agent.department_id}, not {data.department}",
                    field="department",
                )
            choice = Choice(agent.department_id, agent.agent_id, f"assigned by {caller.actor}")
        else:
            assert data.department is not None
            self._department(data.department)
            choice = Choice(data.department, None, f"dispatched to {data.department} by {caller.actor}")
        if caller.department_only and choice.department_id != caller.department:
            raise ValidationFailed("department members assign within their department", field="department")
        old_assignee = ticket.assignee_id
        extra = self._apply_choice(ticket, choice)
        if old_assignee and old_assignee != ticket.assignee_id and Status(ticket.status) in WORKLOAD:
            extra.append(_counter(old_assignee, -1))
        ticket.updated_at = clock.iso(clock.now())
        changes = {
            "department": [before.get("department"), ticket.department],
            "assignee_id": [old_assignee, ticket.assignee_id],
        }
        self._commit(
            caller,
            ticket,
            before,
            "assigned",
            choice.reason,
            changes=changes,
            extra=extra,
            visibility="internal",
        )
        return ticket

    def merge(
        self, caller: Caller, ticket_id: str, into_id: str, expected_version: int
    ) -> tuple[Ticket, Ticket]:
        """Close a duplicate into the ticket that carries on; both timelines say so."""
        if ticket_id == into_id:
            raise ValidationFailed("a ticket cannot be merged into itself", field="into")
        source = self._for_change(caller, ticket_id, expected_version)
        try:
            target = self.get(caller, into_id)
        except NotFound:
            # 422, not 404: the ticket at the path exists; the body names one the caller cannot see.
            raise ValidationFailed(f"no ticket {into_id} among yours", field="into") from None
        require_work(caller, target)
        if source.customer_id != target.customer_id:
            raise Conflict("only tickets of the same customer can be merged", field="into")
        for ticket in (source, target):
            if Status(ticket.status) is Status.CLOSED:
                raise Conflict(f"{ticket.ticket_id} is closed", field="into", current_status=ticket.status)
        now = clock.iso(clock.now())
        before_source, before_target = views.snapshot(source), views.snapshot(target)
        extra = self._workload_change(source.assignee_id, Status(source.status), Status.CLOSED)
        source.status, source.closed_at, source.updated_at = Status.CLOSED.value, now, now
        source.disposition, source.merged_into = "duplicate", target.ticket_id
        target.merged_from = [*target.merged_from, source.ticket_id]
        target.updated_at = now
        self._plan(source)
        self._commit(
            caller,
            source,
            before_source,
            "merged",
            f"merged into {target.ticket_id}",
            changes={"status": [before_source["status"], "closed"], "merged_into": [None, target.ticket_id]},
            extra=extra,
            also=(target, before_target, f"{source.ticket_id} merged into this ticket"),
        )
        return source, target

    def comment(self, caller: Caller, ticket_id: str, data: CommentIn) -> dict[str, Any]:
        """Append a comment. A comment is its own timeline item: it neither needs nor changes the
        ticket's version, so comments never conflict with each other or with a change in
        flight. Only the first public answer of staff changes the ticket (its first response,
        for the SLA); if the ticket changed meanwhile, that is retried on the fresh ticket."""
        for attempt in range(_COMMENT_ATTEMPTS):
            try:
                return self._comment(caller, ticket_id, data)
            except PreconditionFailed:
                if attempt == _COMMENT_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _comment(self, caller: Caller, ticket_id: str, data: CommentIn) -> dict[str, Any]:
        ticket = self.get(caller, ticket_id)
        if data.visibility == "internal":
            if caller.customer_facing:
                raise ValidationFailed("customer-facing clients reply publicly", field="visibility")
            require_work(caller, ticket)
        before = views.snapshot(ticket)
        now = clock.iso(clock.now())
        author_type = (
            "customer" if caller.customer_facing else "department" if caller.department_only else "agent"
        )
        if Role.SYSTEM in caller.roles:
            author_type = "system"
        comment = {
            "comment_id": ids.new_id("cmt"),
            "body": data.body,
            "author": caller.actor,
            "author_type": author_type,
            "visibility": data.visibility,
            "at": now,
        }
        changes: dict[str, Any] = {}
        if (
            author_type in ("agent", "department")
            and data.visibility == "public"
            and not ticket.first_responded_at
        ):
            ticket.first_responded_at = now
            changes["first_responded_at"] = [None, now]
            self._plan(ticket)
        ticket.updated_at = now
        kind = "internal note" if data.visibility == "internal" else "reply"
        self._commit(
            caller,
            ticket,
            before,
            "commented",
            f"{kind} by {caller.actor}",
            changes=changes or None,
            visibility=data.visibility,
            comment=comment,
            touch=bool(changes),
        )
        return comment

    def attach(
        self, caller: Caller, ticket_id: str, data: AttachmentIn
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        if self.attachments is None:
            raise Conflict("attachments are not configured for this deployment")
        ticket = self.get(caller, ticket_id)
        before = views.snapshot(ticket)
        attachment = {
            "attachment_id": ids.new_id("att"),
            "filename": data.filename,
            "content_type": data.content_type,
            "size": data.size,
            "uploaded_by": caller.actor,
        }
        form = self.attachments.upload_form(
            ticket_id, attachment["attachment_id"], data.content_type, data.size
        )
        # Like a comment, an attachment is its own timeline item: it neither needs nor changes the
        # ticket's version, so a workflow changing the ticket meanwhile does not refuse it.
        ticket.updated_at = clock.iso(clock.now())
        self._commit(
            caller,
            ticket,
            before,
            "attachment_added",
            f"attachment {data.filename}",
            attachment=attachment,
            touch=False,
        )
        return attachment, form

    def attachment_list(
        self, caller: Caller, ticket_id: str, *, limit: int, cursor: str | None
    ) -> tuple[list[tuple[TimelineEntry, str]], str | None]:
        if self.attachments is None:
            raise Conflict("attachments are not configured for this deployment")
        self.get(caller, ticket_id)
        query = f"attachments:{ticket_id}"
        entries = TimelineEntry.query(
            ticket_id,
            filter_condition=TimelineEntry.kind == "attachment_added",
            limit=limit,
            last_evaluated_key=decode_cursor(cursor, query),
        )
        listed = [
            (
                entry,
                self.attachments.download_url(
                    ticket_id, entry.attachment["attachment_id"], entry.attachment["filename"]
                ),
            )
            for entry in entries
        ]
        return listed, encode_cursor(entries.last_evaluated_key, query)

    def record_workflow(
        self,
        caller: Caller,
        ticket: Ticket,
        summary: str,
        *,
        visibility: str = "internal",
        **fields: Any,
    ) -> Ticket:
        """A step of the ticket's workflow: its fields change and the timeline says what happened."""
        before = views.snapshot(ticket)
        changes = {
            name: [getattr(ticket, name), value] for name, value in fields.items() if name != "workflow_token"
        }
        for name, value in fields.items():
            setattr(ticket, name, value)
        ticket.updated_at = clock.iso(clock.now())
        self._commit(caller, ticket, before, "workflow", summary, changes=changes, visibility=visibility)
        return ticket

    def record_escalation(
        self,
        caller: Caller,
        ticket: Ticket,
        before: dict[str, Any],
        summary: str,
        *,
        extra: Sequence[Any] = (),
    ) -> Ticket:
        """An SLA escalation (sla/escalation.py): the ticket as the levels left it, with its
        notifications; conditional on the version read, so a level fires once."""
        changes = {
            name: [before.get(name), getattr(ticket, name)]
            for name in ("priority", "department", "assignee_id", "sla_state")
            if before.get(name) != getattr(ticket, name)
        }
        moved: list[Any] = []
        if before.get("assignee_id") and before["assignee_id"] != ticket.assignee_id:
            moved.append(_counter(before["assignee_id"], -1))
        self._commit(
            caller,
            ticket,
            before,
            "escalated",
            summary,
            changes=changes,
            visibility="internal",
            extra=[*moved, *extra],
        )
        return ticket

    # -- internals ------------------------------------------------------------------------

    def _plan(self, ticket: Ticket) -> None:
        if self.sla is not None:
            self.sla.apply(ticket, clock.now())

    @staticmethod
    def _tier(customer_id: str | None) -> str:
        try:
            return Customer.get(customer_id, attributes_to_get=["tier"]).tier if customer_id else "standard"
        except DoesNotExist:
            return "standard"  # the transaction's check refuses the ticket anyway

    def _for_change(self, caller: Caller, ticket_id: str, expected_version: int) -> Ticket:
        ticket = self.get(caller, ticket_id)
        require_work(caller, ticket)
        if ticket.version != expected_version:
            raise PreconditionFailed(
                f"ticket {ticket_id} is at version {ticket.version}, not {expected_version}; read it again",
                field="If-Match",
                current_version=ticket.version,
            )
        return ticket

    def _choose(self, ticket: Ticket, new_customer: Customer | None) -> Choice:
        language = ticket.language
        if language is None:
            customer = new_customer or Customer.get(ticket.customer_id)
            language = customer.language
        facts = TicketFacts(ticket.category, ticket.product, language, ticket.department)
        departments = list(Department.by_listing.query("department"))
        return choose(facts, departments, lambda department: list(Agent.by_department.query(department)))

    @staticmethod
    def _apply_choice(ticket: Ticket, choice: Choice) -> list[Any]:
        ticket.department = choice.department_id
        ticket.assignment_reason = choice.reason
        extra = []
        if choice.agent_id and choice.agent_id != ticket.assignee_id and Status(ticket.status) in WORKLOAD:
            extra.append(_counter(choice.agent_id, +1))
        ticket.assignee_id = choice.agent_id
        if choice.agent_id and ticket.status == Status.NEW.value:
            ticket.status = Status.OPEN.value
        return extra

    @staticmethod
    def _workload_change(assignee: str | None, before: Status, after: Status) -> list[Any]:
        if not assignee:
            return []
        if before in WORKLOAD and after not in WORKLOAD:
            return [_counter(assignee, -1)]
        if before not in WORKLOAD and after in WORKLOAD:
            return [_counter(assignee, +1)]
        return []

    @staticmethod
    def _agent(agent_id: str) -> Agent:
        try:
            return Agent.get(agent_id)
        except DoesNotExist:
            raise ValidationFailed(f"no agent {agent_id}", field="agent_id") from None

    @staticmethod
    def _department(department_id: str) -> Department:
        try:
            return Department.get(department_id)
        except DoesNotExist:
            raise ValidationFailed(f"no department {department_id}", field="department") from None

    def _commit(
        self,
        caller: Caller,
        ticket: Ticket,
        before: dict[str, Any] | None,
        kind: str,
        summary: str,
        *,
        changes: dict[str, Any] | None = None,
        visibility: str = "public",
        comment: dict[str, Any] | None = None,
        attachment: dict[str, Any] | None = None,
        extra: Sequence[Any] = (),
        checks: Sequence[tuple[type[Model], str | None, Any]] = (),
        create: bool = False,
        also: tuple[Ticket, dict[str, Any], str] | None = None,
        touch: bool = True,
    ) -> None:
        """The ticket, its timeline entry and its audit record, all or nothing. Without ``touch``
        the ticket is only checked to exist (a comment: its version is neither needed nor
        changed)."""
        tickets = [(ticket, before, kind, summary, changes)]
        if also is not None:
            other, other_before, other_summary = also
            tickets.append(
                (other, other_before, "merged", other_summary, {"merged_from": [None, ticket.ticket_id]})
            )
        try:
            with transaction() as write:
                for model, hash_key, condition in checks:
                    write.condition_check(model, hash_key, condition=condition)
                for item, item_before, item_kind, item_summary, item_changes in tickets:
                    if create:
                        write.save(item, condition=Ticket.ticket_id.does_not_exist())
                    elif not touch:
                        write.condition_check(Ticket, item.ticket_id, condition=Ticket.ticket_id.exists())
                    else:
                        write.save(item)  # conditional on the version read
                    entry = TimelineEntry(
                        ticket_id=item.ticket_id,
                        event_id=ids.event_id(),
                        kind=item_kind,
                        at=item.updated_at,
                        actor=caller.actor,
                        summary=item_summary,
                        changes=item_changes,
                        visibility=visibility,
                        comment=comment,
                        attachment=attachment,
                        snapshot=views.event_snapshot(item),
                    )
                    write.save(entry)
                    record = audit_record(
                        f"ticket#{item.ticket_id}",
                        f"ticket.{item_kind}",
                        caller,
                        before=item_before,
                        after=views.snapshot(item),
                        customer_id=item.customer_id,
                    )
                    write.save(record, condition=never_overwrite())
                for operation in extra:
                    if isinstance(operation, _CounterChange):
                        write.update(
                            Agent(agent_id=operation.agent_id),
                            actions=[Agent.open_tickets.add(operation.delta)],
                            condition=Agent.agent_id.exists(),
                        )
                    elif isinstance(operation, Put):
                        write.save(operation.item, condition=operation.condition)
                    else:
                        write.save(operation)
        except TransactWriteError as error:
            failed = failed_condition(error)
            if failed is not None and failed >= len(checks) and not create:
                raise PreconditionFailed(
                    f"ticket {ticket.ticket_id} changed while this request was made; read it again",
                    field="If-Match",
                ) from None
            raise


@dataclass(frozen=True)
class _CounterChange:
    agent_id: str
    delta: int


_COMMENT_ATTEMPTS = 3


def _counter(agent_id: str, delta: int) -> _CounterChange:
    return _CounterChange(agent_id, delta)


def _ticket_owner(data: TicketIn) -> str:
    """Whom a self-service ticket is counted against: the customer, or for a first contact
    (a new record each time) the e-mail address or number that identifies them."""
    if data.customer_id is not None:
        return f"customer:{data.customer_id}"
    contact = data.customer
    assert contact is not None  # TicketIn requires a customer_id or a customer
    return f"email:{contact.email.lower()}" if contact.email else f"phone:{contact.phone}"
