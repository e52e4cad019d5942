-- Imports of the assistance population from the income system: one row per applied file.
CREATE TABLE inlezing (
    id           INTEGER PRIMARY KEY,
    tijd         TEXT NOT NULL,
    gebruiker    TEXT NOT NULL,
    sleutel      TEXT NOT NULL,            -- SHA-256 of the file
    codering     TEXT NOT NULL,            -- utf8 or windows1252
    regels       INTEGER NOT NULL,
    toegevoegd   INTEGER NOT NULL,
    gewijzigd    INTEGER NOT NULL,
    ongewijzigd  INTEGER NOT NULL,
    gemarkeerd   INTEGER NOT NULL,
    team         TEXT NOT NULL             -- the team whose waiting list new residents join
);
