"""Publishes what each change of a callback added (requested, attempts, status) to the domain
event bus, from the callbacks table's stream."""

from contactcenter.callbacks.events import entries_from_stream
from contactcenter.events.publisher import stream_publisher

handler = stream_publisher(entries_from_stream, metric="CallbackEventsPublished")
