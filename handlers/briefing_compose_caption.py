"""/brief_baru's "➕ Caption": the suggested caption and its variants per geographic class.

The caption's screen (handlers/briefing_compose_view.py) takes the default caption as
typed text; once there is one it offers a variant per class ("➕ Desa", "✏️ 3T", …),
each asked on its own step (``caption_<class>``) and leading back to the caption's
screen; "Selesai" goes on to the preview. The rules (limits, classes, filling the
placeholders) are db/captions.py's.
"""

from __future__ import annotations

from telegram import Update

from db import briefings as briefings_db
from db import captions as captions_db
from db.briefings import Briefing
from handlers.briefing_compose_view import (
    CAPTION_STEPS,
    CAPTION_VARIANT,
    STATE,
    ask,
    current_draft,
)
from handlers.context import HumasContext
from handlers.conversation import END
from handlers.guard import guarded, refuse


async def _back_to_caption(
    update: Update, context: HumasContext, briefing: Briefing, above: str = "", **fields: object
) -> int:
    saved = await briefings_db.save_draft(
        context.db, briefing.id, context.clock.now(), step="caption", **fields
    )
    return await ask(update, context, saved, above)


def _name(context: HumasContext, klass: str) -> str:
    return context.t(f"caption.class.{klass}")


async def take_caption(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
    caption = captions_db.clean_caption(text)
    return await _back_to_caption(
        update, context, briefing, context.t("caption.saved"), caption=caption
    )


async def take_variant(
    update: Update, context: HumasContext, briefing: Briefing, text: str, klass: str
) -> int:
    caption = captions_db.clean_caption(text)
    variants = {**briefing.caption_variants, klass: caption}
    above = context.t("caption.variant_saved", name=_name(context, klass))
    return await _back_to_caption(update, context, briefing, above, caption_variants=variants)


@guarded("coordinator")
async def on_variant(update: Update, context: HumasContext) -> int:
    """A class pressed on the caption's screen: ask its variant."""
    assert update.callback_query is not None
    klass = CAPTION_VARIANT.parse(update.callback_query.data)
    briefing = await current_draft(context)
    if briefing is None or klass is None or not briefing.caption:
        await refuse(update, context, context.t("denied.button"))
        return END if briefing is None else STATE[briefing.step or "program"]
    saved = await briefings_db.save_draft(
        context.db, briefing.id, context.clock.now(), step=f"caption_{klass}"
    )
    return await ask(update, context, saved)


async def _variant_step(update: Update, context: HumasContext) -> tuple[Briefing, str] | None:
    briefing = await current_draft(context)
    if briefing is None or briefing.step not in CAPTION_STEPS:
        await refuse(update, context, context.t("denied.button"))
        return None
    assert briefing.step is not None
    return briefing, briefing.step.removeprefix("caption_")


@guarded("coordinator")
async def on_variant_back(update: Update, context: HumasContext) -> int:
    """ "Kembali" on a variant's step: the caption's screen, nothing changed."""
    found = await _variant_step(update, context)
    if found is None:
        return END
    return await _back_to_caption(update, context, found[0])


@guarded("coordinator")
async def on_variant_clear(update: Update, context: HumasContext) -> int:
    """ "Kosongkan" on a variant's step: its units get the default caption again."""
    found = await _variant_step(update, context)
    if found is None:
        return END
    briefing, klass = found
    variants = {key: text for key, text in briefing.caption_variants.items() if key != klass}
    above = context.t("caption.variant_cleared", name=_name(context, klass))
    return await _back_to_caption(update, context, briefing, above, caption_variants=variants)
