-- The core loop: strategic programs, briefings and their assignments, submissions
-- (reported links and drafts for review), field issue reports, review alert batching.

CREATE TABLE programs (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    priority    INTEGER NOT NULL CHECK (priority >= 1),       -- 1 is the highest
    horizon     TEXT NOT NULL CHECK (horizon IN ('pendek', 'menengah', 'panjang')),
    starts_on   TEXT NOT NULL,                                -- YYYY-MM-DD, a WIB calendar date
    ends_on     TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done')),
    created_by  INTEGER REFERENCES officers(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE UNIQUE INDEX programs_name ON programs(lower(name));

CREATE TABLE briefings (
    id                     INTEGER PRIMARY KEY,
    author_id              INTEGER NOT NULL REFERENCES officers(id),
    program_id             INTEGER REFERENCES programs(id),
    title                  TEXT NOT NULL DEFAULT '',
    key_message            TEXT NOT NULL DEFAULT '',      -- the single narrative (narasi tunggal)
    points                 TEXT NOT NULL DEFAULT '[]',    -- JSON list of supporting points
    formats                TEXT NOT NULL DEFAULT '[]',    -- JSON list of format codes
    hashtags               TEXT NOT NULL DEFAULT '',      -- hashtags and accounts to mention
    channels               TEXT NOT NULL DEFAULT '[]',    -- JSON list of channel codes
    audience_demographic   TEXT NOT NULL DEFAULT '[]',    -- JSON lists of short tags
    audience_geographic    TEXT NOT NULL DEFAULT '[]',
    audience_psychographic TEXT NOT NULL DEFAULT '[]',
    targets                TEXT,                          -- JSON: the audience choice of the target units
    deadline               TEXT,                          -- the posting deadline (UTC)
    status                 TEXT NOT NULL DEFAULT 'draft'
                           CHECK (status IN ('draft', 'scheduled', 'published', 'closed')),
    step                   TEXT,                          -- where composing a draft stopped
    publish_at             TEXT,                          -- when officers receive it (UTC)
    outbox_id              INTEGER,                       -- the delivery engine's message id
    closed_at              TEXT,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);
CREATE INDEX briefings_status ON briefings(status, deadline);
CREATE INDEX briefings_author ON briefings(author_id, status);

CREATE TABLE briefing_attachments (
    id          INTEGER PRIMARY KEY,
    briefing_id INTEGER NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
    media_type  TEXT NOT NULL CHECK (media_type IN ('photo', 'video', 'document')),
    file_id     TEXT NOT NULL,                            -- Telegram file id
    created_at  TEXT NOT NULL
);
CREATE INDEX briefing_attachments_briefing ON briefing_attachments(briefing_id, id);

-- One per targeted unit: closed by the unit's first valid link, late after the deadline.
CREATE TABLE assignments (
    id          INTEGER PRIMARY KEY,
    briefing_id INTEGER NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    opened_at   TEXT NOT NULL,
    closed_at   TEXT,
    late        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (briefing_id, unit_id)
);
CREATE INDEX assignments_unit ON assignments(unit_id, status);

CREATE TABLE submissions (
    id                 INTEGER PRIMARY KEY,
    receipt            TEXT UNIQUE,                       -- the short number the officer is given
    officer_id         INTEGER NOT NULL REFERENCES officers(id),
    unit_id            INTEGER NOT NULL REFERENCES units(id),
    briefing_id        INTEGER REFERENCES briefings(id),  -- NULL: konten mandiri
    kind               TEXT NOT NULL CHECK (kind IN ('link', 'draft')),
    url                TEXT UNIQUE,                       -- normalised; one report per post, by anyone
    platform           TEXT,
    off_channel        INTEGER NOT NULL DEFAULT 0,        -- a platform the briefing did not ask for
    late               INTEGER NOT NULL DEFAULT 0,
    screenshot_file_id TEXT,
    draft_text         TEXT,
    draft_media_type   TEXT CHECK (draft_media_type IN ('photo', 'video', 'document')),
    draft_file_id      TEXT,
    status             TEXT NOT NULL DEFAULT 'diterima'
                       CHECK (status IN ('diterima', 'disetujui', 'perlu_revisi', 'ditolak')),
    reviewer_id        INTEGER REFERENCES officers(id),
    review_note        TEXT,
    reviewed_at        TEXT,
    created_at         TEXT NOT NULL,
    CHECK ((kind = 'link') = (url IS NOT NULL))
);
CREATE INDEX submissions_unit ON submissions(unit_id, created_at);
CREATE INDEX submissions_queue ON submissions(status, created_at);
CREATE INDEX submissions_briefing ON submissions(briefing_id, unit_id);

CREATE TABLE issue_reports (
    id                 INTEGER PRIMARY KEY,
    reporter_id        INTEGER NOT NULL REFERENCES officers(id),
    unit_id            INTEGER NOT NULL REFERENCES units(id),
    url                TEXT,
    screenshot_file_id TEXT,
    description        TEXT NOT NULL,
    urgency            TEXT NOT NULL CHECK (urgency IN ('biasa', 'penting', 'darurat')),
    status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
    handled_by         INTEGER REFERENCES officers(id),
    note               TEXT,
    created_at         TEXT NOT NULL,
    handled_at         TEXT,
    CHECK (url IS NOT NULL OR screenshot_file_id IS NOT NULL)
);
CREATE INDEX issue_reports_status ON issue_reports(status, created_at);

-- At most one "drafts waiting for review" alert per coordinator per window
-- (see scheduler/review_alerts.py).
CREATE TABLE review_alerts (
    coordinator_id INTEGER PRIMARY KEY REFERENCES officers(id),
    due_at         TEXT NOT NULL,              -- when the latest alert goes (or went) out
    outbox_id      INTEGER NOT NULL,           -- that alert's outbox message
    pending        INTEGER NOT NULL            -- the number of drafts that alert counts
);
