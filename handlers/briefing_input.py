"""Reading what a coordinator types while composing a briefing: title, points, tags, hashtags.

Each reader returns the value to save or raises :class:`~db.briefings.BriefingError`
with the problem (and the limit) to explain; the key message's limit lives with the
briefing itself (:func:`db.briefings.clean_text`), since changing a published key
message checks it too.
"""

from __future__ import annotations

from db.briefings import BriefingError, BriefingProblem, clean_text

MAX_TITLE = 120
MAX_POINT = 300
MAX_POINTS = 10
MAX_HASHTAGS = 300
MAX_TAG = 40
MAX_TAGS = 8


def clean_title(text: str) -> str:
    """One line: runs of spaces and line breaks become one space."""
    return clean_text(" ".join(text.split()), MAX_TITLE)


def parse_points(text: str) -> list[str]:
    """One supporting point per line; leading bullets and numbers are dropped."""
    points = [line.strip().lstrip("-•*·0123456789.) ").strip() for line in text.splitlines()]
    points = [point for point in points if point]
    if not points:
        raise BriefingError(BriefingProblem.EMPTY)
    if len(points) > MAX_POINTS:
        raise BriefingError(BriefingProblem.TOO_MANY, MAX_POINTS)
    if any(len(point) > MAX_POINT for point in points):
        raise BriefingError(BriefingProblem.TOO_LONG, MAX_POINT)
    return points


def parse_tags(text: str) -> list[str]:
    """Short audience tags separated by commas or new lines, e.g. ``ibu rumah tangga, 20-40``."""
    tags: list[str] = []
    for part in text.replace("\n", ",").split(","):
        tag = " ".join(part.split()).lower()
        if tag and tag not in tags:
            tags.append(tag)
    if not tags:
        raise BriefingError(BriefingProblem.EMPTY)
    if len(tags) > MAX_TAGS:
        raise BriefingError(BriefingProblem.TOO_MANY, MAX_TAGS)
    if any(len(tag) > MAX_TAG for tag in tags):
        raise BriefingError(BriefingProblem.TOO_LONG, MAX_TAG)
    return tags


def clean_hashtags(text: str) -> str:
    """Hashtags as typed, on one line."""
    return clean_text(" ".join(text.split()), MAX_HASHTAGS)
