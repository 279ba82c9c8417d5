-- Units (areas and agencies), officers, invitations and the audit log.
CREATE TABLE units (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,          -- Kemendagri code, or OPD.nnn for agencies
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('kabupaten', 'kecamatan', 'desa', 'kelurahan', 'opd')),
    parent_id  INTEGER REFERENCES units(id),
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_kind ON units(kind);

-- Free tags such as a geographic class: kota, desa, pinggiran, 3T.
CREATE TABLE unit_tags (
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (unit_id, tag)
);
CREATE INDEX unit_tags_tag ON unit_tags(tag);

CREATE TABLE officers (
    id          INTEGER PRIMARY KEY,
    telegram_id INTEGER NOT NULL UNIQUE,
    chat_id     INTEGER,                      -- private chat with the bot
    full_name   TEXT NOT NULL,
    position    TEXT,                         -- jabatan
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    role        TEXT NOT NULL CHECK (role IN ('officer', 'coordinator', 'admin')),
    status      TEXT NOT NULL CHECK (status IN ('pending', 'active', 'inactive')),
    language    TEXT NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
    reachable   INTEGER NOT NULL DEFAULT 1,   -- 0 after Telegram said 403
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX officers_unit ON officers(unit_id, status);

CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,         -- sha256 of the token; the token itself is never stored
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    role        TEXT NOT NULL CHECK (role IN ('officer', 'coordinator', 'admin')),
    expires_at  TEXT NOT NULL,
    max_uses    INTEGER NOT NULL CHECK (max_uses >= 1),
    uses        INTEGER NOT NULL DEFAULT 0,
    created_by  INTEGER REFERENCES officers(id),   -- NULL: created from the shell
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    actor_id    INTEGER REFERENCES officers(id),  -- NULL: the shell or the system
    actor_label TEXT NOT NULL,                    -- 'cli', 'system' or 'tg:<telegram id>'
    action      TEXT NOT NULL,
    target      TEXT,
    details     TEXT,                             -- JSON
    created_at  TEXT NOT NULL
);
CREATE INDEX audit_log_created ON audit_log(created_at);
