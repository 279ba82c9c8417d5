-- The local store of what people send (scheduler/file_archive.py, db/file_store.py):
-- briefing materials, drafts, screenshots of reports and issues, announcement media.
-- Telegram keeps a file under a bot's file_id only; the store keeps its bytes, named by
-- their SHA-256, so the evidence outlives a new bot token. One row per Telegram file
-- (file_unique_id is the same for every bot and every time the file is sent).
CREATE TABLE stored_files (
    id              INTEGER PRIMARY KEY,
    file_unique_id  TEXT NOT NULL UNIQUE,
    file_id         TEXT NOT NULL,               -- this bot's id of the file, for getFile
    media_type      TEXT NOT NULL CHECK (media_type IN ('photo', 'video', 'document')),
    source          TEXT NOT NULL,               -- what it came with: material, draft, ...
    status          TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN
                        ('waiting', 'stored', 'too_big', 'refused')),
    sha256          TEXT,                        -- hex; the store's name for the bytes
    size            INTEGER,                     -- bytes (as Telegram said, until stored)
    mime_type       TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,  -- downloads tried
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,                        -- the error's type and Telegram's words
    created_at      TEXT NOT NULL,
    stored_at       TEXT
);
-- The files still to download, by when to try next.
CREATE INDEX stored_files_waiting ON stored_files(next_attempt_at) WHERE status = 'waiting';
-- A record's file (a submission's screenshot_file_id, ...) found by its file_id.
CREATE INDEX stored_files_file_id ON stored_files(file_id);
