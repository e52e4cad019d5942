-- Klant in Beeld (issue 16): the indicators filled per resident with who and when, and the
-- external assessor's batches of residents with an end date.

-- The external assessor joins the CHECK of gebruiker.rol (see 0004 for the method).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''inkomensconsulent''))', '''inkomensconsulent'', ''beoordelaar''))')
 WHERE type = 'table' AND name = 'gebruiker';
PRAGMA writable_schema = OFF;

-- The current value of each indicator of a resident; earlier values are in the audit log.
CREATE TABLE indicator_waarde (
    inwoner_id INTEGER NOT NULL,
    code       TEXT NOT NULL,
    waarde     TEXT NOT NULL,
    lijst      TEXT NOT NULL,   -- the list version the value was given under
    door       TEXT NOT NULL,   -- user name
    door_rol   TEXT NOT NULL,
    op         TEXT NOT NULL,
    PRIMARY KEY (inwoner_id, code)
) WITHOUT ROWID;

-- A batch of residents assigned to an external assessor until `eind` (inclusive).
CREATE TABLE opdracht (
    id             INTEGER PRIMARY KEY,
    naam           TEXT NOT NULL,
    team           TEXT NOT NULL,
    beoordelaar_id INTEGER NOT NULL REFERENCES gebruiker (id),
    eind           TEXT NOT NULL,
    door           TEXT NOT NULL,
    op             TEXT NOT NULL,
    beeindigd_door TEXT,
    beeindigd_op   TEXT
);
CREATE INDEX opdracht_beoordelaar ON opdracht (beoordelaar_id, eind);

CREATE TABLE opdracht_inwoner (
    opdracht_id INTEGER NOT NULL REFERENCES opdracht (id),
    inwoner_id  INTEGER NOT NULL,
    PRIMARY KEY (opdracht_id, inwoner_id)
) WITHOUT ROWID;
CREATE INDEX opdracht_inwoner_inwoner ON opdracht_inwoner (inwoner_id);
