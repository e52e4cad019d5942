-- Basis: the municipality and the residents with their latest registered facts.
-- Migrations are applied in order at start-up and never edited once released.
CREATE TABLE gemeente (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    naam        TEXT NOT NULL,
    demo        INTEGER NOT NULL DEFAULT 0,
    aangemaakt  TEXT NOT NULL
);

CREATE TABLE inwoner (
    id          INTEGER PRIMARY KEY,
    versie      INTEGER NOT NULL DEFAULT 1,
    naam        TEXT NOT NULL,
    feiten      TEXT NOT NULL,          -- RawFacts as JSON (the domain crate validates)
    gewijzigd_door TEXT NOT NULL,
    gewijzigd_op   TEXT NOT NULL
);
