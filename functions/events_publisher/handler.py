"""Publishes new timeline entries (the ticket table's outbox) to the domain event bus."""

from contactcenter.events.publisher import entries_from_stream, stream_publisher

handler = stream_publisher(entries_from_stream, metric="DomainEventsPublished")
