-- The recap (db/recap.py): indexes that let it read one briefing's or one period's
-- assignments and reports without scanning either table, and the reminders a
-- coordinator asked for from a recap ("Ingatkan yang belum").

-- What the recap counts per assignment, read from the index alone: the first link
-- that was not rejected, and whether any link was reported.
CREATE INDEX submissions_recap ON submissions(briefing_id, unit_id, kind, status, created_at);
-- A period's briefings, by deadline.
CREATE INDEX briefings_deadline ON briefings(deadline);

-- The latest reminder each coordinator sent from a briefing's recap: at most one per
-- briefing and coordinator in two hours (see scheduler/recap_reminders.py).
CREATE TABLE recap_reminders (
    briefing_id    INTEGER NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
    coordinator_id INTEGER NOT NULL REFERENCES officers(id),
    sent_at        TEXT NOT NULL,
    units          INTEGER NOT NULL,            -- units reminded
    recipients     INTEGER NOT NULL,            -- people the reminder was queued for
    outbox_id      INTEGER,                     -- NULL: nobody could be reached
    PRIMARY KEY (briefing_id, coordinator_id)
);
