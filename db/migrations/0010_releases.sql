-- Press releases (/rilis): composed step by step by an officer or coordinator, saved as
-- each answer arrives (a draft), assembled into the standard Indonesian release when
-- finished, and sent for review through the /tinjau queue as a draft submission
-- (submission_id, the latest one). The approved ones form the bank (/rilis_bank).
CREATE TABLE releases (
    id            INTEGER PRIMARY KEY,
    author_id     INTEGER NOT NULL REFERENCES officers(id),
    unit_id       INTEGER NOT NULL REFERENCES units(id),  -- the author's unit when started
    program_id    INTEGER REFERENCES programs(id),        -- NULL: no program
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'finished')),
    step          TEXT,                                   -- where composing stopped
    title         TEXT NOT NULL DEFAULT '',
    what          TEXT NOT NULL DEFAULT '',               -- what happened
    who           TEXT NOT NULL DEFAULT '',
    happened_at   TEXT NOT NULL DEFAULT '',               -- when, as the author wrote it
    place         TEXT NOT NULL DEFAULT '',               -- where
    why           TEXT NOT NULL DEFAULT '',
    how           TEXT NOT NULL DEFAULT '',
    quotes        TEXT NOT NULL DEFAULT '[]',             -- JSON: [{text, speaker, position}]
    contact       TEXT NOT NULL DEFAULT '',               -- the humas contact line
    photos        TEXT NOT NULL DEFAULT '[]',             -- JSON list of Telegram file ids
    docx_file_id  TEXT,                                   -- the .docx as last sent by the bot
    submission_id INTEGER REFERENCES submissions(id),     -- the latest review of it
    finished_at   TEXT,                                   -- its dateline's moment (UTC)
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX releases_author ON releases(author_id, status);
CREATE INDEX releases_submission ON releases(submission_id);
CREATE INDEX releases_bank ON releases(unit_id, finished_at);
