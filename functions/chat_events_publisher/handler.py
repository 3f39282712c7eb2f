"""Publishes each bot turn's outcome (an answer, a thumb, a hand-over) to the domain event bus,
from the chat sessions table's stream: the knowledge facts."""

from contactcenter.chat.events import entries_from_stream
from contactcenter.events.publisher import stream_publisher

handler = stream_publisher(entries_from_stream, metric="ChatTurnsPublished")
