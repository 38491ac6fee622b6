"""What a source's settings say about comments: whether to collect them, for how many days their
text is kept, or whether to keep counts only (``sources.toml``: ``comments``, ``comment_days``,
``comment_text``). Apart from the collecting code so the settings models import no cycle."""

from pydantic import BaseModel, Field

from models.tables import DEFAULT_KEEP_DAYS


class CommentSettings(BaseModel):
    comments: bool = False
    comment_days: int = Field(default=DEFAULT_KEEP_DAYS, ge=1, le=3650)
    comment_text: bool = True
