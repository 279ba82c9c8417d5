-- What the scheduler pushed on its own (each push recorded in the transaction that
-- queued it, so a restart neither repeats nor loses one), days off and leave.

-- Reminders to a unit before a deadline and the overdue notice after it: at most one
-- per assignment, kind and deadline (a moved deadline gets its own reminders).
CREATE TABLE reminders_sent (
    id            INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,                  -- 'before:<seconds>' or 'overdue'
    deadline      TEXT NOT NULL,                  -- the deadline it was for (UTC)
    outbox_id     INTEGER,                        -- NULL: not sent (superseded, or nobody to tell)
    created_at    TEXT NOT NULL,
    UNIQUE (assignment_id, kind, deadline)
);
CREATE INDEX reminders_sent_outbox ON reminders_sent(outbox_id);

-- The passes made when a briefing's deadline is reached: the overdue notice to the
-- units and the escalation to coordinators, once per briefing and deadline each.
CREATE TABLE deadline_passes (
    briefing_id INTEGER NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
    deadline    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('overdue', 'escalation')),
    outcome     TEXT NOT NULL CHECK (outcome IN ('sent', 'nothing', 'skipped')),
    units       INTEGER NOT NULL DEFAULT 0,      -- units still open at that moment
    outbox_id   INTEGER,                          -- the overdue notice (escalations: per coordinator)
    created_at  TEXT NOT NULL,
    PRIMARY KEY (briefing_id, deadline, kind)
);

-- Digests, once per kind and period ('2026-W49', '2026-12-01') for everybody at once.
CREATE TABLE digests_sent (
    kind       TEXT NOT NULL CHECK (kind IN ('weekly', 'daily')),
    period     TEXT NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('sent', 'skipped')),
    messages   INTEGER NOT NULL DEFAULT 0,       -- outbox messages queued
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, period)
);

-- Extra days off an administrator declares with /libur (national holidays and cuti
-- bersama come from the holidays package).
CREATE TABLE days_off (
    day        TEXT PRIMARY KEY,                  -- YYYY-MM-DD, a WIB calendar date
    note       TEXT NOT NULL,
    created_by INTEGER REFERENCES officers(id),
    created_at TEXT NOT NULL
);

-- /cuti: the officer gets no reminders until this moment (UTC).
CREATE TABLE officer_leave (
    officer_id INTEGER PRIMARY KEY REFERENCES officers(id),
    until      TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Units whose reminders reached nobody (everyone on leave, blocked the bot, or no
-- officer): their coordinators were told once, and the row goes when someone is reachable.
CREATE TABLE unreachable_notices (
    unit_id     INTEGER PRIMARY KEY REFERENCES units(id),
    reason      TEXT NOT NULL CHECK (reason IN ('no_officer', 'on_leave', 'unreachable')),
    outbox_id   INTEGER,
    notified_at TEXT NOT NULL
);
