"""Crafted routing cases: the contact center routes as Amazon Connect documents it."""

from datetime import UTC, datetime, timedelta

import pytest

from localcloud.contact_center import ContactCenter, Profile, SimulatedClock
from localcloud.contact_center.center import ContactCenterError
from localcloud.contact_center.model import QueueConfig

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def center(**queues: QueueConfig) -> ContactCenter:
    profiles = {"p": Profile("p", "P", queues), "sales": Profile("sales", "Sales", {"sales": QueueConfig(1)})}
    return ContactCenter(profiles=profiles, clock=SimulatedClock(T0))


def available(cc: ContactCenter, name: str, moment: datetime, profile: str = "p") -> None:
    cc.add_agent(name)
    cc.login(name, profile, moment)
    cc.set_status(name, "Available", moment)


def test_the_queue_priority_of_the_agents_profile_decides_first() -> None:
    cc = center(sales=QueueConfig(1), support=QueueConfig(2))
    cc.enqueue("support-old", "VOICE", "support", priority=1, at=at(0))  # older, and a better priority
    cc.enqueue("sales-new", "VOICE", "sales", priority=5, at=at(10))
    available(cc, "ana", at(20))
    assert cc.agent("ana").contact.waiting.contact_id == "sales-new"


def test_then_the_contacts_routing_priority_then_the_longest_waiting() -> None:
    cc = center(support=QueueConfig(1))
    cc.enqueue("oldest", "VOICE", "support", priority=5, at=at(0))
    cc.enqueue("vip", "VOICE", "support", priority=1, at=at(5))
    cc.enqueue("next", "VOICE", "support", priority=5, at=at(6))
    order = []
    available(cc, "ana", at(10))
    for step in range(3):
        contact = cc.agent("ana").contact
        order.append(contact.waiting.contact_id)
        cc.end("ana", at(20 + step))
        cc.wrap_up("ana", "done", at(21 + step))
    assert order == ["vip", "oldest", "next"]


def test_a_routing_age_adjustment_moves_a_contact_ahead() -> None:
    cc = center(support=QueueConfig(1))
    cc.enqueue("first", "VOICE", "support", at=at(0))
    cc.enqueue("second", "VOICE", "support", at=at(5))
    cc.update_routing("second", age_adjustment=60)
    available(cc, "ana", at(10))
    assert cc.agent("ana").contact.waiting.contact_id == "second"


def test_a_queue_delay_holds_a_contact_back_until_it_has_waited_that_long() -> None:
    cc = center(sales=QueueConfig(1), support=QueueConfig(1, delay=30))
    available(cc, "ana", at(0))
    assert cc.enqueue("support-1", "VOICE", "support", at=at(0)) is None
    assert cc.next_wakeup(at(1)) == at(30)
    cc.tick(at(29))
    assert cc.agent("ana").contact is None
    cc.tick(at(30))
    assert cc.agent("ana").contact.waiting.contact_id == "support-1"


def test_past_its_delay_a_contact_competes_on_the_queues_priority() -> None:
    cc = center(sales=QueueConfig(1), support=QueueConfig(1, delay=30))
    cc.enqueue("support-old", "VOICE", "support", at=at(0))
    cc.enqueue("sales-new", "VOICE", "sales", at=at(35))
    available(cc, "ana", at(40))  # both eligible, same queue priority: the older one
    assert cc.agent("ana").contact.waiting.contact_id == "support-old"


def test_the_agent_idle_longest_gets_the_contact() -> None:
    cc = center(support=QueueConfig(1))
    available(cc, "bo", at(0))
    available(cc, "ana", at(5))
    available(cc, "chen", at(10))
    assert cc.enqueue("c1", "VOICE", "support", at=at(20)).username == "bo"
    assert cc.enqueue("c2", "VOICE", "support", at=at(21)).username == "ana"
    cc.end("bo", at(30))
    cc.wrap_up("bo", at=at(31))  # bo is free again, but chen has waited longer
    assert cc.enqueue("c3", "VOICE", "support", at=at(40)).username == "chen"
    assert cc.enqueue("c4", "VOICE", "support", at=at(41)).username == "bo"


def test_an_agent_gets_only_the_queues_and_channels_of_their_profile() -> None:
    cc = center(support=QueueConfig(1, channels=("VOICE",)))
    available(cc, "ana", at(0))
    available(cc, "sam", at(1), profile="sales")
    assert cc.enqueue("chat", "CHAT", "support", at=at(2)) is None
    assert cc.enqueue("other", "VOICE", "billing", at=at(3)) is None
    assert cc.enqueue("sale", "VOICE", "sales", at=at(4)).username == "sam"
    assert [c.contact_id for c in cc.waiting] == ["chat", "other"]


def test_hold_after_contact_work_and_wrap_up_make_the_contacts_record() -> None:
    cc = center(support=QueueConfig(1))
    cc.enqueue("c1", "VOICE", "support", at=at(0))
    available(cc, "ana", at(10))
    cc.hold("ana", at(40))
    cc.resume("ana", at(70))
    cc.end("ana", at(100))
    assert cc.agent("ana").activity == "ENDED"
    done = cc.wrap_up("ana", "resolved", at(130))
    durations = (done.queue_seconds, done.interaction_seconds, done.hold_seconds, done.acw_seconds)
    assert durations == (10, 60, 30, 30)
    assert (done.agent, done.wrap_up_code, done.disconnect_reason) == ("ana", "resolved", "AGENT_DISCONNECT")
    assert cc.agent("ana").routable and cc.agent("ana").handled_today == 1


def test_a_break_chosen_during_a_contact_starts_after_wrap_up() -> None:
    cc = center(support=QueueConfig(1))
    available(cc, "ana", at(0))
    cc.enqueue("c1", "VOICE", "support", at=at(1))
    cc.set_status("ana", "Break", at(2))
    assert cc.agent("ana").status == "Available" and cc.agent("ana").next_status == "Break"
    cc.end("ana", at(3))
    cc.wrap_up("ana", at=at(4))
    assert cc.agent("ana").status == "Break" and cc.agent("ana").status_since == at(4)
    assert cc.enqueue("c2", "VOICE", "support", at=at(5)) is None  # not routable on a break


def test_an_abandoned_contact_leaves_the_queue_and_a_late_hang_up_changes_nothing() -> None:
    cc = center(support=QueueConfig(1))
    cc.enqueue("c1", "VOICE", "support", at=at(0))
    assert cc.abandon("c1", at(45))
    done = cc.finished[-1]
    assert (done.abandoned, done.queue_seconds, done.disconnect_reason) == (True, 45, "CUSTOMER_DISCONNECT")
    assert not cc.abandon("c1", at(50))


def test_a_callback_keeps_the_callers_place_and_is_not_abandoned() -> None:
    cc = center(support=QueueConfig(1))
    cc.enqueue("c1", "VOICE", "support", priority=2, at=at(0))
    cc.enqueue("c2", "VOICE", "support", priority=2, at=at(5))
    callback = cc.to_callback("c1", at(20))
    assert [c.contact_id for c in cc.waiting] == ["c2", callback]
    available(cc, "ana", at(30))
    assert cc.agent("ana").contact.waiting.contact_id == callback  # its place: the enqueue time of c1
    assert cc.agent("ana").contact.waiting.initiation == "CALLBACK"
    assert not cc.finished[0].abandoned and cc.finished[0].next_contact_id == callback


def test_an_agent_transfer_ends_their_part_and_queues_a_transfer_contact() -> None:
    cc = center(support=QueueConfig(1), sales=QueueConfig(2))
    available(cc, "ana", at(0))
    cc.enqueue("c1", "VOICE", "support", at=at(1))
    following = cc.transfer("ana", "billing", at(60))
    assert cc.agent("ana").activity == "ENDED"
    assert cc.waiting_contact(following).initiation == "TRANSFER"
    assert cc.wrap_up("ana", at=at(70)).next_contact_id == following


def test_actions_the_state_does_not_allow_are_refused() -> None:
    cc = center(support=QueueConfig(1))
    cc.add_agent("ana", auto_accept=False)
    with pytest.raises(ContactCenterError):
        cc.set_status("ana", "Available", at(0))  # not logged in
    cc.login("ana", "p", at(0))
    cc.set_status("ana", "Available", at(0))
    cc.enqueue("c1", "VOICE", "support", at=at(1))
    assert cc.agent("ana").activity == "CONNECTING"
    with pytest.raises(ContactCenterError):
        cc.hold("ana", at(2))
    cc.accept("ana", at(3))
    with pytest.raises(ContactCenterError):
        cc.logout("ana", at(4))
