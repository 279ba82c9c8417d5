"""The pushes of one scheduler run, merged per person before they reach the delivery engine.

Pushes due at the same minute to the same people (an officer's reminders of two
briefings; a coordinator's escalation and "pengingat tidak sampai" notice) become
one message: texts joined by a blank line, buttons one after the other, as long as
the result fits on one screen (scheduler/screen.py) and within Telegram's limit.
Only single-part texts are merged; anything else goes as it is.

Everything happens inside the run's write transaction: :meth:`PushBatch.add` keeps a
push, :meth:`PushBatch.after` a record that needs its outbox id, and
:meth:`PushBatch.flush` queues the (merged) messages and then writes those records,
so a push and its record still commit together.

A pass (:data:`Pass`) adds to a batch inside a transaction it is given;
:func:`run_passes` runs passes in ONE transaction with ONE batch, so pushes of
different passes (a coordinator's escalation and daily digest at 16:00) merge too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import aiosqlite

from db.officers import Officer
from scheduler.content import TEXT_LIMIT, Content, Variants, pick_variant, visible_length
from scheduler.engine import DeliveryEngine
from scheduler.screen import fits
from scheduler.services import Services

Pass = Callable[[Services, aiosqlite.Connection, "PushBatch"], Awaitable[None]]
"""A scheduler pass: adds its pushes (and their records) to the batch inside ``conn``."""


@dataclass
class Push:
    """One push as a pass made it; ``outbox_id`` is known after the batch is flushed."""

    kind: str
    ref: str
    recipients: list[Officer]
    variants: Variants
    outbox_id: int | None = None

    @property
    def key(self) -> frozenset[int]:
        return frozenset(officer.id for officer in self.recipients)

    @property
    def mergeable(self) -> bool:
        return all(
            len(parts) == 1 and parts[0].media_type is None for parts in self.variants.values()
        )


@dataclass
class PushBatch:
    """Pushes of one run, queued together by :meth:`flush`."""

    pushes: list[Push] = field(default_factory=list)
    _after: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    def add(
        self, *, kind: str, ref: str, recipients: Sequence[Officer], variants: Variants
    ) -> Push:
        push = Push(kind, ref, list(recipients), variants)
        self.pushes.append(push)
        return push

    def after(self, record: Callable[[], Awaitable[None]]) -> None:
        """Run ``record`` once the pushes are queued (it may read their outbox ids)."""
        self._after.append(record)

    async def flush(self, conn: aiosqlite.Connection, engine: DeliveryEngine) -> int:
        """Queue the pushes, merged per recipient set; returns how many messages were queued."""
        groups: list[list[Push]] = []
        open_group: dict[frozenset[int], list[Push]] = {}
        for push in self.pushes:
            group = open_group.get(push.key)
            if push.mergeable and group is not None and _fits_with(group, push):
                group.append(push)
                continue
            group = [push]
            groups.append(group)
            if push.mergeable:
                open_group[push.key] = group
        for group in groups:
            outbox_id = await engine.enqueue_in(
                conn,
                kind=group[0].kind if len({p.kind for p in group}) == 1 else "merged",
                ref=";".join(dict.fromkeys(p.ref for p in group))[:200],
                sender_id=None,
                recipients=group[0].recipients,
                variants=group[0].variants if len(group) == 1 else _merged(group),
            )
            for push in group:
                push.outbox_id = outbox_id
        for record in self._after:
            await record()
        self.pushes.clear()
        self._after.clear()
        return len(groups)


def _merged(group: Sequence[Push]) -> dict[str, list[Content]]:
    languages = dict.fromkeys(lang for push in group for lang in push.variants)
    merged: dict[str, list[Content]] = {}
    for lang in languages:
        parts = [push.variants[pick_variant(push.variants, lang)][0] for push in group]
        merged[lang] = [
            Content(
                "\n\n".join(part.text for part in parts),
                buttons=tuple(row for part in parts for row in part.buttons),
            )
        ]
    return merged


def _fits_with(group: Sequence[Push], push: Push) -> bool:
    """Whether ``push`` joined to ``group`` still fits on one screen, in every language."""
    return all(
        fits(parts[0].text) and visible_length(parts[0].text) <= TEXT_LIMIT
        for parts in _merged([*group, push]).values()
    )


async def run_passes(services: Services, passes: Sequence[Pass]) -> int:
    """Run ``passes`` in one write transaction sharing one batch; returns messages queued.

    Everything a pass records commits with the messages, or nothing does.
    """
    db, engine = services.db, services.delivery
    assert db is not None and engine is not None
    batch = PushBatch()
    async with db.transaction() as conn:
        for run in passes:
            await run(services, conn, batch)
        queued = await batch.flush(conn, engine)
    if queued:
        engine.wake()
    return queued
