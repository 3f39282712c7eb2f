"""The local contact center: agents, queues with waiting contacts, and routing as Amazon
Connect routes (docs/local-contact-center.md), on a clock that can run time-compressed."""

from localcloud.contact_center.center import ContactCenter, ContactCenterError
from localcloud.contact_center.clock import SimulatedClock, WallClock
from localcloud.contact_center.model import Agent, Finished, Profile, Waiting, profiles_from_catalog

__all__ = [
    "Agent",
    "ContactCenter",
    "ContactCenterError",
    "Finished",
    "Profile",
    "SimulatedClock",
    "Waiting",
    "WallClock",
    "profiles_from_catalog",
]
