-- Invitation hardening: unknown tokens per account (a lockout against guessing), and
-- requests to move an account that is already active, decided like a registration.

-- Each unknown invitation token an account opened: a short hash, never the token.
-- Rows older than the counting window are deleted when the next failure is stored.
CREATE TABLE invitation_failures (
    id          INTEGER PRIMARY KEY,
    telegram_id INTEGER NOT NULL,
    token_hint  TEXT NOT NULL,                    -- first 8 hex digits of the token's sha256
    failed_at   TEXT NOT NULL
);
CREATE INDEX invitation_failures_account ON invitation_failures(telegram_id, failed_at);
CREATE INDEX invitation_failures_time ON invitation_failures(failed_at);

-- An account whose every token is refused, without a lookup, until locked_until.
CREATE TABLE invitation_lockouts (
    telegram_id  INTEGER PRIMARY KEY,
    locked_until TEXT NOT NULL
);

-- 'join': a stranger asks to become an officer of a unit (self-registration).
-- 'move': an active account opened an invitation of another unit or role; officer_id
-- is that account from the start, and approval changes its unit and role.
ALTER TABLE registrations ADD COLUMN kind TEXT NOT NULL DEFAULT 'join'
    CHECK (kind IN ('join', 'move'));
ALTER TABLE registrations ADD COLUMN role TEXT NOT NULL DEFAULT 'officer'
    CHECK (role IN ('officer', 'coordinator', 'admin'));
ALTER TABLE registrations ADD COLUMN invitation_id INTEGER REFERENCES invitations(id);
