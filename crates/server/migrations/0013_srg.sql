-- The SRG delivery to CBS: the mapping from our provisions to CBS codes (a data file the
-- administrator changes; every version kept) with the municipality's CBS code, and the log of
-- every delivered file (its content as sent, for corrections and for showing what was sent).
CREATE TABLE srg_koppeling (
    id            INTEGER PRIMARY KEY,
    tijd          TEXT NOT NULL,
    gebruiker     TEXT NOT NULL,
    gemeentecode  TEXT NOT NULL,
    tekst         TEXT NOT NULL
);
CREATE TABLE srg_levering (
    id         INTEGER PRIMARY KEY,
    maand      TEXT NOT NULL,                       -- yyyy-mm
    soort      TEXT NOT NULL CHECK (soort IN ('R', 'C')),
    tijd       TEXT NOT NULL,
    gebruiker  TEXT NOT NULL,
    aantal     INTEGER NOT NULL,
    sleutel    TEXT NOT NULL,                       -- SHA-256 of the content
    inhoud     TEXT NOT NULL
);
CREATE INDEX srg_levering_maand ON srg_levering (maand, id);
