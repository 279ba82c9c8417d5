"""Quiet hours: the local-time window (default 21:00–06:00 WIB) when non-urgent messages wait.

The window may wrap over midnight (21:00–06:00) or not (12:00–13:00); a window whose
start equals its end means "no quiet hours".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time
    zone: ZoneInfo

    @property
    def enabled(self) -> bool:
        return self.start != self.end

    def contains(self, moment: datetime) -> bool:
        """True when ``moment`` (aware) falls inside the quiet window."""
        if not self.enabled:
            return False
        local = moment.astimezone(self.zone).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def release(self, moment: datetime) -> datetime:
        """When a non-urgent message due at ``moment`` may go: then, or the end of the window (UTC)."""
        if not self.contains(moment):
            return moment.astimezone(UTC)
        local = moment.astimezone(self.zone)
        end = datetime.combine(local.date(), self.end, tzinfo=self.zone)
        if end <= local:
            end = datetime.combine(local.date() + timedelta(days=1), self.end, tzinfo=self.zone)
        return end.astimezone(UTC)
