-- Self-registration requests, the messages that asked coordinators to decide them,
-- and the command menu last set in each person's chat.

-- A hash of the command menu (role, status, language, command list) last sent to the
-- person's private chat with setMyCommands: NULL until the first one is sent.
ALTER TABLE officers ADD COLUMN menu_signature TEXT;

CREATE TABLE registrations (
    id          INTEGER PRIMARY KEY,
    telegram_id INTEGER NOT NULL,                 -- the applicant's Telegram account
    chat_id     INTEGER NOT NULL,                 -- their private chat with the bot
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    full_name   TEXT NOT NULL,
    position    TEXT NOT NULL,                    -- jabatan
    language    TEXT NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
    officer_id  INTEGER REFERENCES officers(id),  -- the account created on approval
    decided_by  INTEGER REFERENCES officers(id),  -- NULL when withdrawn by the system
    decided_at  TEXT,
    created_at  TEXT NOT NULL
);
-- One pending request per account, enforced by the database itself.
CREATE UNIQUE INDEX registrations_one_pending ON registrations(telegram_id) WHERE status = 'pending';
CREATE INDEX registrations_account ON registrations(telegram_id, decided_at);

-- The approve/reject message each decider received, to edit it once somebody decided.
CREATE TABLE registration_notices (
    registration_id INTEGER NOT NULL REFERENCES registrations(id),
    officer_id      INTEGER NOT NULL REFERENCES officers(id),
    chat_id         INTEGER NOT NULL,
    message_id      INTEGER NOT NULL,
    PRIMARY KEY (registration_id, officer_id)
);
