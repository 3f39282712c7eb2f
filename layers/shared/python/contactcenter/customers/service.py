"""Customers: create, read, change and find them; their PIN; the history of their interactions."""

from collections.abc import Iterable
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from contactcenter import clock, ids
from contactcenter.api.pagination import DEFAULT_LIMIT, decode_cursor, encode_cursor
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import Caller, Role
from contactcenter.customers import contact_points
from contactcenter.customers.models import Account, Customer, CustomerKey, HistoryEntry
from contactcenter.customers.schemas import Address, CustomerIn, CustomerOut, CustomerPatch, HistoryItem
from contactcenter.errors import Conflict, Forbidden, NotFound, PreconditionFailed
from contactcenter.storage import Put, failed_condition, transaction

READERS = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.DEPARTMENT, Role.INTEGRATION, Role.SYSTEM)
WRITERS = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.INTEGRATION, Role.SYSTEM, Role.PORTAL)
EDITORS = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.INTEGRATION, Role.SYSTEM)
# What an end customer may change on their own record; the rest (contact points the IVR and
# first contacts match on, the account number, tier and products) stays with the staff.
CUSTOMER_EDITABLE = frozenset({"name", "language", "time_zone", "address"})


def require_own(caller: Caller, customer_id: str) -> None:
    """An end customer reads only their own record: any other is answered as missing.
    The customer-facing machine client (portal) reads no customer record at all."""
    if caller.is_customer and not caller.owns(customer_id):
        raise NotFound(f"no customer {customer_id}", field="customer_id")
    if caller.customer_facing and not caller.is_customer:
        raise Forbidden("a customer-facing client reads no customer records: the customer signs in")


# What the account copies from the customer record for the IVR.
PROFILE_FIELDS = ("customer_id", "name", "company", "tier", "products", "language", "phones")


def snapshot(customer: Customer) -> dict[str, Any]:
    """The customer as the audit log records it."""
    data = customer.to_simple_dict()
    data.pop("listing", None)
    return data


def to_out(customer: Customer) -> CustomerOut:
    return CustomerOut(
        customer_id=customer.customer_id,
        name=customer.name,
        company=customer.company,
        email=customer.email,
        phones=list(customer.phones),
        account_number=customer.account_number,
        tier=customer.tier,
        products=list(customer.products),
        language=customer.language,
        time_zone=customer.time_zone,
        address=Address(**customer.address) if customer.address else None,
        has_pin=bool(customer.pin_set),
        created_at=customer.created_at,
        updated_at=customer.updated_at,
        erased_at=customer.erased_at,
        version=customer.version or 0,
    )


def lookup_keys(customer_id: str, email: str | None, phones: Iterable[str]) -> list[CustomerKey]:
    keys = [
        CustomerKey(key=contact_points.phone_key(p), sort=customer_id, customer_id=customer_id)
        for p in phones
    ]
    if email:
        keys.append(
            CustomerKey(key=contact_points.email_key(email), sort=customer_id, customer_id=customer_id)
        )
    return keys


def _profile(customer: Customer) -> dict[str, Any]:
    return {field: getattr(customer, field) for field in PROFILE_FIELDS}


class AccountNumberTaken(Conflict):
    slug = "account-number-taken"
    title = "The account number belongs to another customer"


class CustomerService:
    def new_customer(self, caller: Caller, data: CustomerIn) -> Customer:
        """A customer record, not yet written (see creation_items)."""
        caller.require(*WRITERS)
        now = clock.iso(clock.now())
        return Customer(
            customer_id=ids.new_id("cus"),
            name=data.name,
            company=data.company,
            email=data.email,
            phones=data.phones,
            account_number=data.account_number,
            tier=data.tier,
            products=data.products,
            language=data.language,
            time_zone=data.time_zone,
            address=data.address.model_dump(exclude_none=True) if data.address else None,
            created_at=now,
            updated_at=now,
            created_by=caller.actor,
        )

    @staticmethod
    def creation_items(caller: Caller, customer: Customer) -> list[Put]:
        """What a transaction writes to create ``customer``: the record, its lookup keys, its
        account (only if no one has that number) and the audit record."""
        items = [Put(customer, Customer.customer_id.does_not_exist())]
        items += [Put(key) for key in lookup_keys(customer.customer_id, customer.email, customer.phones)]
        if customer.account_number:
            account = Account(account_number=customer.account_number, **_profile(customer))
            items.append(Put(account, Account.account_number.does_not_exist()))
        record = audit_record(
            f"customer#{customer.customer_id}",
            "customer.created",
            caller,
            before=None,
            after=snapshot(customer),
            customer_id=customer.customer_id,
        )
        items.append(Put(record, never_overwrite()))
        return items

    def create(self, caller: Caller, data: CustomerIn) -> Customer:
        customer = self.new_customer(caller, data)
        try:
            with transaction() as write:
                for put in self.creation_items(caller, customer):
                    write.save(put.item, condition=put.condition)
        except TransactWriteError as error:
            if failed_condition(error) is not None:
                raise AccountNumberTaken(
                    f"account number {data.account_number} is already in use", field="account_number"
                ) from None
            raise
        return customer

    def get(self, caller: Caller, customer_id: str) -> Customer:
        caller.require(*READERS, Role.CUSTOMER)
        require_own(caller, customer_id)
        try:
            return Customer.get(customer_id)
        except DoesNotExist:
            raise NotFound(f"no customer {customer_id}", field="customer_id") from None

    def update(
        self, caller: Caller, customer_id: str, patch: CustomerPatch, expected_version: int | None
    ) -> Customer:
        caller.require(*EDITORS, Role.CUSTOMER)
        if caller.is_customer:
            refused = sorted(patch.model_dump(exclude_unset=True).keys() - CUSTOMER_EDITABLE)
            if refused:
                raise Forbidden(
                    f"customers change only {', '.join(sorted(CUSTOMER_EDITABLE))}; ask us to change "
                    f"{', '.join(refused)}",
                    field=refused[0],
                )
        customer = self.get(caller, customer_id)
        if expected_version is not None and customer.version != expected_version:
            raise PreconditionFailed(
                f"customer {customer_id} is at version {customer.version}, not {expected_version}",
                field="If-Match",
                current_version=customer.version,
            )
        before = snapshot(customer)
        old_keys = {k.key: k for k in lookup_keys(customer_id, customer.email, customer.phones)}
        old_account, old_profile = customer.account_number, _profile(customer)
        for field, value in patch.model_dump(exclude_unset=True).items():
            if field == "address":
                value = patch.address.model_dump(exclude_none=True) if patch.address else None
            setattr(customer, field, value)
        customer.updated_at = clock.iso(clock.now())
        new_keys = {k.key: k for k in lookup_keys(customer_id, customer.email, customer.phones)}
        if customer.account_number != old_account:
            customer.pin_set = False  # a new account number starts without a PIN
        try:
            with transaction() as write:
                write.save(customer)  # the version attribute makes this conditional
                for key in old_keys.keys() - new_keys.keys():
                    write.delete(old_keys[key])
                for key in new_keys.keys() - old_keys.keys():
                    write.save(new_keys[key])
                self._carry_account(write, customer, old_account, old_profile)
                record = audit_record(
                    f"customer#{customer_id}",
                    "customer.updated",
                    caller,
                    before=before,
                    after=snapshot(customer),
                    customer_id=customer_id,
                )
                write.save(record, condition=never_overwrite())
        except TransactWriteError as error:
            failed = failed_condition(error)
            if failed == 0:
                raise PreconditionFailed(
                    f"customer {customer_id} changed while this update was made; read it again",
                    field="If-Match",
                ) from None
            if failed is not None:
                raise AccountNumberTaken(
                    f"account number {customer.account_number} is already in use", field="account_number"
                ) from None
            raise
        return customer

    @staticmethod
    def _carry_account(
        write: Any, customer: Customer, old_number: str | None, old_profile: dict[str, Any]
    ) -> None:
        """Keep the account (the IVR's copy of the profile) in step with the customer."""
        profile = _profile(customer)
        if customer.account_number == old_number:
            if old_number and profile != old_profile:
                write.update(
                    Account(account_number=old_number),
                    actions=[getattr(Account, field).set(value) for field, value in profile.items()],
                    condition=Account.customer_id == customer.customer_id,
                )
            return
        if old_number:
            write.delete(
                Account(account_number=old_number), condition=Account.customer_id == customer.customer_id
            )
        if customer.account_number:
            write.save(
                Account(account_number=customer.account_number, **profile),
                condition=Account.account_number.does_not_exist(),
            )

    def set_pin(self, caller: Caller, customer_id: str, pin_hash: str) -> Customer:
        """Store a new PIN (already hashed) on the customer's account; audited without it."""
        caller.require(*EDITORS)
        customer = self.get(caller, customer_id)
        if not customer.account_number:
            raise Conflict(
                "a PIN belongs to an account: give the customer an account number first", field="pin"
            )
        before = snapshot(customer)
        customer.pin_set = True
        customer.updated_at = clock.iso(clock.now())
        with transaction() as write:
            write.save(customer)
            write.update(
                Account(account_number=customer.account_number),
                actions=[
                    Account.pin_hash.set(pin_hash),
                    Account.pin_failures.set(0),
                    Account.locked_until.remove(),
                    Account.pin_window_start.remove(),
                ],
                condition=Account.customer_id == customer_id,
            )
            record = audit_record(
                f"customer#{customer_id}",
                "customer.pin_set",
                caller,
                before=before,
                after=snapshot(customer),
                customer_id=customer_id,
            )
            write.save(record, condition=never_overwrite())
        return customer

    def find(
        self, caller: Caller, *, phone: str | None, email: str | None, account_number: str | None
    ) -> list[Customer]:
        """Customers with this phone number, e-mail address or account number."""
        caller.require(*READERS)
        return self.lookup(phone=phone, email=email, account_number=account_number)

    @staticmethod
    def lookup(*, phone: str | None, email: str | None, account_number: str | None) -> list[Customer]:
        """The lookup itself, for the product's own flows (first contact, the IVR)."""
        if account_number:
            try:
                customer_ids = [Account.get(account_number, attributes_to_get=["customer_id"]).customer_id]
            except DoesNotExist:
                return []
        else:
            key = contact_points.phone_key(phone) if phone else contact_points.email_key(email or "")
            customer_ids = [item.customer_id for item in CustomerKey.query(key, limit=50)]
        if not customer_ids:
            return []
        found = {c.customer_id: c for c in Customer.batch_get(customer_ids)}
        return [found[i] for i in customer_ids if i in found]

    def list_customers(
        self, caller: Caller, *, limit: int, cursor: str | None
    ) -> tuple[list[Customer], str | None]:
        caller.require(*READERS)
        query = "customers:by_created"
        results = Customer.by_created.query(
            "customer",
            scan_index_forward=False,
            limit=limit,
            last_evaluated_key=decode_cursor(cursor, query),
        )
        items = list(results)
        return items, encode_cursor(results.last_evaluated_key, query)

    def history(
        self, caller: Caller, customer_id: str, *, limit: int = DEFAULT_LIMIT, cursor: str | None = None
    ) -> tuple[list[HistoryItem], str | None]:
        caller.require(*READERS, Role.CUSTOMER)
        require_own(caller, customer_id)
        query = f"history:{customer_id}"
        results = HistoryEntry.query(
            customer_id,
            scan_index_forward=False,
            limit=limit,
            last_evaluated_key=decode_cursor(cursor, query),
        )
        items = [
            HistoryItem(
                kind=entry.kind,
                reference=entry.reference,
                at=clock.iso(entry.at),
                channel=entry.channel,
                summary=entry.summary,
            )
            for entry in results
        ]
        if not items and cursor is None:
            self.get(caller, customer_id)  # an unknown customer is a 404, not an empty history
        return items, encode_cursor(results.last_evaluated_key, query)


def history_entry(
    customer_id: str, kind: str, reference: str, channel: str | None, summary: str
) -> HistoryEntry:
    at = clock.now()
    return HistoryEntry(
        customer_id=customer_id,
        entry=f"{clock.iso(at)}#{kind}#{reference}",
        kind=kind,
        reference=reference,
        at=at,
        channel=channel,
        summary=summary[:200],
    )
