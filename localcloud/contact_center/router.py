"""Which waiting contact goes to which available agent, as Amazon Connect routes
(docs/local-contact-center.md has the rules and their sources):

- an agent gets only contacts of the queues (and channels) their routing profile holds, and
  of a queue with a delay only once the contact has waited that long;
- among the contacts an agent could get: the profile's queue priority first (1 before 2),
  then the contact's routing priority (lower first), then the oldest routing age (time in
  queue plus any adjustment of its age);
- among several available agents, the one available (idle) longest goes first; ties by
  user name, so a seeded run routes the same way every time.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from localcloud.contact_center.model import Agent, Profile, Waiting


def eligible(contact: Waiting, profile: Profile, now: datetime) -> bool:
    config = profile.takes(contact.queue, contact.channel)
    if config is None:
        return False
    return now - contact.enqueued_at >= timedelta(seconds=config.delay)


def best_contact(profile: Profile, waiting: Iterable[Waiting], now: datetime) -> Waiting | None:
    """The contact this profile's agent gets next, if any."""
    candidates = [contact for contact in waiting if eligible(contact, profile, now)]
    if not candidates:
        return None

    def order(contact: Waiting) -> tuple[int, int, float, str]:
        config = profile.takes(contact.queue, contact.channel)
        assert config is not None
        age = (now - contact.enqueued_at).total_seconds() + contact.age_adjustment
        return (config.priority, contact.priority, -age, contact.contact_id)

    return min(candidates, key=order)


def idle_order(agents: Iterable[Agent]) -> list[Agent]:
    """Routable agents, the longest idle first."""
    free = [agent for agent in agents if agent.routable and agent.idle_since is not None]
    return sorted(free, key=lambda agent: (agent.idle_since, agent.username))


def assignments(
    agents: Iterable[Agent], profiles: Mapping[str, Profile], waiting: Iterable[Waiting], now: datetime
) -> list[tuple[Agent, Waiting]]:
    """Every (agent, contact) pair to offer now: each agent in idle order takes the best
    contact still unassigned for them."""
    left = list(waiting)
    pairs: list[tuple[Agent, Waiting]] = []
    for agent in idle_order(agents):
        assert agent.profile is not None
        chosen = best_contact(profiles[agent.profile], left, now)
        if chosen is not None:
            pairs.append((agent, chosen))
            left.remove(chosen)
    return pairs


def next_eligibility(
    agents: Iterable[Agent], profiles: Mapping[str, Profile], waiting: Iterable[Waiting], now: datetime
) -> datetime | None:
    """The next moment a queue delay lets a waiting contact reach an idle agent (a traffic
    run wakes the router then: nothing else happens at that moment)."""
    moments = []
    for agent in idle_order(agents):
        assert agent.profile is not None
        for contact in waiting:
            config = profiles[agent.profile].takes(contact.queue, contact.channel)
            if config is not None:
                at = contact.enqueued_at + timedelta(seconds=config.delay)
                if at > now:
                    moments.append(at)
    return min(moments, default=None)
