"""The query parameters every list route declares: ``limit: Limit = DEFAULT_LIMIT, cursor:
Cursor = None`` (the cursor is contactcenter.api.pagination's opaque token)."""

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query

from contactcenter.api.pagination import MAX_LIMIT

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many items")]
Cursor = Annotated[str | None, Query(max_length=2048, description="The previous page's next_cursor")]
