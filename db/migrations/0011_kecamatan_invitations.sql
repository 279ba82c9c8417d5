-- A kecamatan invitation: one link for the officers of every desa/kelurahan of a
-- kecamatan. unit_id is the kecamatan; whoever opens the link picks their desa or
-- kelurahan from that kecamatan's list and is admitted to it (role officer).
ALTER TABLE invitations ADD COLUMN pick_below INTEGER NOT NULL DEFAULT 0 CHECK (pick_below IN (0, 1));
