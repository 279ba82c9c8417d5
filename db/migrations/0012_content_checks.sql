-- Content tools (issue 15): a briefing's suggested caption and its variants per
-- geographic class of the unit tags, how close a draft is to that caption, and the
-- automatic check of a reported post's public page (links.verify).

-- The suggested caption ('' : none), with {unit} and {kecamatan} placeholders.
ALTER TABLE briefings ADD COLUMN caption TEXT NOT NULL DEFAULT '';
-- JSON object: geographic class (kota, desa, pinggiran, 3t) -> that class's caption.
ALTER TABLE briefings ADD COLUMN caption_variants TEXT NOT NULL DEFAULT '{}';

-- A draft's token-set similarity (0..1) to the caption its unit was given; NULL: none.
ALTER TABLE submissions ADD COLUMN caption_similarity REAL;

-- One per link report while links.verify is on: queued as the report is recorded,
-- checked in the background (scheduler/link_checks.py), never blocking the report.
CREATE TABLE link_checks (
    submission_id   INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'verified', 'hashtag_missing', 'unchecked')),
    post_exists     INTEGER,                 -- 1 found, 0 the platform said not found, NULL unknown
    author          TEXT,                    -- the account the platform names, when it does
    title           TEXT,                    -- the post's title or caption as the page gives it
    reason          TEXT,                    -- why it could not be checked (unchecked)
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,                    -- the next attempt (NULL: none to come)
    checked_at      TEXT
);
CREATE INDEX link_checks_due ON link_checks(next_attempt_at);
