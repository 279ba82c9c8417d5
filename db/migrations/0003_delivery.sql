-- The delivery engine's durable outbox, and announcements with acknowledgement.

-- One row per broadcast: what to send (per language), to be sent not before a time.
CREATE TABLE outbox_messages (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,                 -- announcement, briefing, reminder, report, ...
    ref            TEXT,                          -- what it belongs to, e.g. announcement:12
    sender_id      INTEGER REFERENCES officers(id),
    variants       TEXT NOT NULL,                 -- JSON: {"id": [part, ...], "en": [...]}
    report_buttons TEXT,                          -- JSON: {"id": rows, "en": rows} for the report
    not_before     TEXT NOT NULL,
    urgent         INTEGER NOT NULL DEFAULT 0,    -- 1: ignores quiet hours
    report         INTEGER NOT NULL DEFAULT 0,    -- 1: the sender gets a summary at the end
    status         TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'done', 'cancelled')),
    created_at     TEXT NOT NULL,
    started_at     TEXT,                          -- the first send was claimed (nothing can be cancelled after)
    finished_at    TEXT,                          -- every delivery was final
    report_sent_at TEXT                           -- the report was queued (exactly once)
);
CREATE INDEX outbox_messages_due ON outbox_messages(status, not_before);
CREATE INDEX outbox_messages_ref ON outbox_messages(ref);

-- One row per recipient and part. 'sending' is claimed just before the HTTP call;
-- rows still 'sending' at start-up were in flight at a crash (see scheduler/engine.py).
CREATE TABLE deliveries (
    id                 INTEGER PRIMARY KEY,
    message_id         INTEGER NOT NULL REFERENCES outbox_messages(id),
    officer_id         INTEGER NOT NULL REFERENCES officers(id),
    chat_id            INTEGER NOT NULL,
    language           TEXT NOT NULL,
    part               INTEGER NOT NULL,
    status             TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                           ('pending', 'sending', 'sent', 'failed', 'blocked', 'ambiguous', 'cancelled')),
    attempts           INTEGER NOT NULL DEFAULT 0,    -- HTTP calls made
    errors             INTEGER NOT NULL DEFAULT 0,    -- transient errors (5xx, network, timeouts)
    possible_duplicate INTEGER NOT NULL DEFAULT 0,    -- a timeout or a crash left it unknown once
    next_attempt_at    TEXT NOT NULL,
    last_error         TEXT,
    tg_message_id      INTEGER,
    sent_at            TEXT,
    UNIQUE (message_id, officer_id, part)
);
CREATE INDEX deliveries_message ON deliveries(message_id, status);
CREATE INDEX deliveries_active ON deliveries(status, message_id);
CREATE INDEX deliveries_officer ON deliveries(officer_id, message_id);

CREATE TABLE announcements (
    id              INTEGER PRIMARY KEY,
    sender_id       INTEGER NOT NULL REFERENCES officers(id),
    body            TEXT NOT NULL,                -- what the sender typed (plain text, escaped when shown)
    media_type      TEXT CHECK (media_type IN ('photo', 'document')),
    file_id         TEXT,
    audience        TEXT NOT NULL,                -- JSON description of the audience choice
    unit_count      INTEGER NOT NULL,
    recipient_count INTEGER NOT NULL,
    urgent          INTEGER NOT NULL DEFAULT 0,
    ack_required    INTEGER NOT NULL DEFAULT 0,
    send_at         TEXT NOT NULL,
    outbox_id       INTEGER REFERENCES outbox_messages(id),  -- set in the creating transaction
    created_at      TEXT NOT NULL
);
CREATE INDEX announcements_sender ON announcements(sender_id, send_at);

CREATE TABLE acknowledgements (
    announcement_id INTEGER NOT NULL REFERENCES announcements(id),
    officer_id      INTEGER NOT NULL REFERENCES officers(id),
    at              TEXT NOT NULL,
    PRIMARY KEY (announcement_id, officer_id)
);
