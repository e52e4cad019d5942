-- The partner organisations residents are referred to (volunteer centre, welfare, library,
-- providers), kept by the administrator. Never deleted: referrals keep pointing at them.
CREATE TABLE partner (
    id                 INTEGER PRIMARY KEY,
    naam               TEXT NOT NULL,
    soort              TEXT NOT NULL,
    omschrijving       TEXT,
    email              TEXT,
    telefoon           TEXT,
    opvolgen_na_weken  INTEGER NOT NULL CHECK (opvolgen_na_weken BETWEEN 1 AND 26),
    actief             INTEGER NOT NULL DEFAULT 1 CHECK (actief IN (0, 1)),
    versie             INTEGER NOT NULL DEFAULT 1,
    gewijzigd_door     TEXT NOT NULL,
    gewijzigd_op       TEXT NOT NULL
);
CREATE UNIQUE INDEX partner_naam ON partner (lower(naam));
