-- Dossier: everything registered about a resident, as versioned records that offline-first
-- clients sync through a change feed. The resident's own content moves from `inwoner` (which
-- keeps only access: consultant and team) into a record of kind 'inwoner'.
CREATE TABLE teller (naam TEXT PRIMARY KEY, waarde INTEGER NOT NULL);

CREATE TABLE dossier (
    soort          TEXT NOT NULL,
    id             TEXT NOT NULL,
    inwoner_id     INTEGER NOT NULL REFERENCES inwoner(id),
    versie         INTEGER NOT NULL CHECK (versie >= 1),
    velden         TEXT NOT NULL CHECK (json_valid(velden)),       -- the record's fields
    veldversies    TEXT NOT NULL CHECK (json_valid(veldversies)),  -- field -> version that last changed it
    volgnummer     INTEGER NOT NULL,                               -- position in the change feed
    aangemaakt_door TEXT NOT NULL,
    aangemaakt_op   TEXT NOT NULL,
    gewijzigd_door TEXT NOT NULL,
    gewijzigd_op   TEXT NOT NULL,
    PRIMARY KEY (soort, id)
);
CREATE UNIQUE INDEX dossier_volgnummer ON dossier (volgnummer);
CREATE INDEX dossier_inwoner ON dossier (inwoner_id, volgnummer);

INSERT INTO dossier (soort, id, inwoner_id, versie, velden, veldversies, volgnummer, aangemaakt_door, aangemaakt_op, gewijzigd_door, gewijzigd_op)
SELECT 'inwoner', CAST(id AS TEXT), id, versie, json_object('naam', naam, 'feiten', json(feiten)),
       json_object('naam', versie, 'feiten', versie), id, gewijzigd_door, gewijzigd_op, gewijzigd_door, gewijzigd_op
FROM inwoner;
INSERT INTO teller (naam, waarde) VALUES ('volgnummer', (SELECT COALESCE(MAX(volgnummer), 0) FROM dossier));
ALTER TABLE inwoner DROP COLUMN naam;
ALTER TABLE inwoner DROP COLUMN feiten;

-- A resident left a user's or team's view (reassignment): the feed tells the client to drop it.
CREATE TABLE vervallen (
    volgnummer    INTEGER PRIMARY KEY,
    gebruiker_id  INTEGER REFERENCES gebruiker(id),
    team          TEXT,
    inwoner_id    INTEGER NOT NULL
);

-- Applied client mutations: a replayed offline queue gets the first answer again.
CREATE TABLE mutatie (
    gebruiker_id  INTEGER NOT NULL REFERENCES gebruiker(id),
    id            TEXT NOT NULL,
    tijd          TEXT NOT NULL,
    antwoord      TEXT NOT NULL,
    PRIMARY KEY (gebruiker_id, id)
);

-- Self-service submissions from the public form.
CREATE TABLE inzending (
    id             INTEGER PRIMARY KEY,
    referentie     TEXT NOT NULL UNIQUE,
    sleutel_hash   TEXT NOT NULL UNIQUE,  -- SHA-256 of the submitter's secret: retry key and receipt
    inhoud         TEXT NOT NULL CHECK (json_valid(inhoud)),
    ontvangen_op   TEXT NOT NULL,
    team           TEXT NOT NULL DEFAULT 'participatie',
    inwoner_id     INTEGER REFERENCES inwoner(id),
    gekoppeld_door TEXT,
    gekoppeld_op   TEXT
);

ALTER TABLE gemeente ADD COLUMN caseload_norm INTEGER NOT NULL DEFAULT 85;

-- Audit entries name the data subject, so team leads see every entry about their residents.
ALTER TABLE audit ADD COLUMN inwoner_id INTEGER;
DROP TRIGGER audit_alleen_toevoegen_u;
UPDATE audit SET inwoner_id = CAST(object_id AS INTEGER) WHERE object_soort = 'inwoner';
CREATE TRIGGER audit_alleen_toevoegen_u BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'het auditlog kan alleen worden aangevuld'); END;
CREATE INDEX audit_inwoner ON audit (inwoner_id);
