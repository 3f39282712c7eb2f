"""Caller authentication in the IVR (use case UC17): identify the caller, look up the account
number, verify the PIN, lock the account after repeated wrong PINs.

Every answer is a result code the flow branches on:
  identify      known | unknown
  lookup        found | not_found | locked | invalid_input
  verify_pin    verified | wrong_pin | locked | no_pin | not_found | invalid_input
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError
from pynamodb.expressions.update import Action

from contactcenter import clock
from contactcenter.audit.records import audit_record, never_overwrite
from contactcenter.auth import SYSTEM
from contactcenter.customers import contact_points
from contactcenter.customers.models import Account, Customer, CustomerKey
from contactcenter.customers.pins import PIN_PATTERN, pin_matches
from contactcenter.ivr.prompts import prompt_attributes
from contactcenter.languages import DEFAULT_LANGUAGE
from contactcenter.storage import transaction

ACCOUNT_PATTERN = re.compile(r"^[0-9]{6,12}$")


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 3
    window: timedelta = timedelta(hours=24)
    lock_for: timedelta = timedelta(minutes=30)


@dataclass(frozen=True)
class Outcome:
    result: str
    values: dict[str, Any]
    locked_now: bool = False  # this attempt locked the account (audited; an alert follows)


class IvrAuthService:
    def __init__(self, policy: LockoutPolicy | None = None) -> None:
        self.policy = policy or LockoutPolicy()

    def step(self, action: str, parameters: dict[str, str], caller_number: str | None) -> Outcome:
        """One IVR step, as the flow asks for it."""
        if action == "identify":
            return self.identify(caller_number)
        if action == "lookup_account":
            return self.lookup(parameters.get("account_number", ""), caller_number)
        if action == "verify_pin":
            return self.verify_pin(
                parameters.get("account_number", ""), parameters.get("pin", ""), caller_number
            )
        return Outcome("invalid_input", {"error": "unknown action"})

    def identify(self, caller_number: str | None) -> Outcome:
        """The caller's language from their number, and the prompts in it."""
        language: str = DEFAULT_LANGUAGE
        known = False
        if caller_number:
            keys = list(CustomerKey.query(contact_points.phone_key(caller_number), limit=1))
            if keys:
                try:
                    language = Customer.get(keys[0].customer_id, attributes_to_get=["language"]).language
                    known = True
                except DoesNotExist:
                    pass
        return Outcome("known" if known else "unknown", {"language": language, **prompt_attributes(language)})

    def lookup(self, account_number: str, caller_number: str | None) -> Outcome:
        if not ACCOUNT_PATTERN.match(account_number):
            return Outcome("invalid_input", {})
        try:
            account = Account.get(account_number)
        except DoesNotExist:
            return Outcome("not_found", {})
        if self._locked(account):
            return Outcome("locked", {"customer_id": account.customer_id})
        return Outcome("found", self._profile(account, caller_number))

    def verify_pin(self, account_number: str, pin: str, caller_number: str | None) -> Outcome:
        if not ACCOUNT_PATTERN.match(account_number) or not PIN_PATTERN.match(pin):
            return Outcome("invalid_input", {})
        for _ in range(2):  # once more if another call changed the counter meanwhile
            try:
                account = Account.get(account_number)
            except DoesNotExist:
                return Outcome("not_found", {})
            if self._locked(account):
                return Outcome("locked", {"customer_id": account.customer_id})
            if not account.pin_hash:
                return Outcome("no_pin", {"customer_id": account.customer_id})
            try:
                if pin_matches(account.pin_hash, pin):
                    return self._passed(account, caller_number)
                return self._failed(account)
            except (UpdateError, TransactWriteError):
                continue
        return Outcome("error", {})

    # -- internals ------------------------------------------------------------------------

    @staticmethod
    def _profile(account: Account, caller_number: str | None) -> dict[str, Any]:
        return {
            "customer_id": account.customer_id,
            "customer_name": account.name,
            "company": account.company or "",
            "tier": account.tier,
            "products": ",".join(account.products),
            "language": account.language,
            "has_pin": account.pin_hash is not None,
            # A matching caller number is an extra signal for the agent, not a credential.
            "ani_match": bool(caller_number and caller_number in account.phones),
        }

    @staticmethod
    def _locked(account: Account) -> bool:
        return account.locked_until is not None and account.locked_until > clock.now()

    def _passed(self, account: Account, caller_number: str | None) -> Outcome:
        if account.pin_failures:
            reset: list[Action] = [Account.pin_failures.set(0), Account.pin_window_start.remove()]
            account.update(
                actions=reset,
                condition=Account.pin_failures == account.pin_failures,
            )
        return Outcome("verified", self._profile(account, caller_number))

    def _failed(self, account: Account) -> Outcome:
        now = clock.now()
        window_start: datetime | None = account.pin_window_start
        fresh_window = window_start is None or now - window_start > self.policy.window
        failures = 1 if fresh_window else int(account.pin_failures) + 1
        actions: list[Action] = [Account.pin_failures.set(failures)]
        if fresh_window:
            actions.append(Account.pin_window_start.set(now))
        unchanged = Account.pin_failures == account.pin_failures
        if failures < self.policy.max_failures:
            account.update(actions=actions, condition=unchanged)
            return Outcome(
                "wrong_pin",
                {"customer_id": account.customer_id, "attempts_left": self.policy.max_failures - failures},
            )
        locked_until = now + self.policy.lock_for
        actions.append(Account.locked_until.set(locked_until))
        with transaction() as write:
            write.update(account, actions=actions, condition=unchanged)
            record = audit_record(
                f"customer#{account.customer_id}",
                "customer.ivr_locked",
                SYSTEM,
                before={"pin_failures": int(account.pin_failures)},
                after={"pin_failures": failures, "locked_until": clock.iso(locked_until)},
                customer_id=account.customer_id,
            )
            write.save(record, condition=never_overwrite())
        return Outcome("locked", {"customer_id": account.customer_id}, locked_now=True)
