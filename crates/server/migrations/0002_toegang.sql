-- Access: users with roles, sessions, caseload assignment, and the append-only audit log
-- (after the government standard "Logboek dataverwerkingen").
CREATE TABLE gebruiker (
    id                INTEGER PRIMARY KEY,
    gebruikersnaam    TEXT NOT NULL UNIQUE,
    naam              TEXT NOT NULL,
    rol               TEXT NOT NULL CHECK (rol IN ('participatieconsulent', 'werkconsulent', 'teamleider', 'beheerder')),
    team              TEXT NOT NULL,
    wachtwoord_hash   TEXT NOT NULL,
    mislukte_pogingen INTEGER NOT NULL DEFAULT 0,
    geblokkeerd_op    TEXT,
    actief            INTEGER NOT NULL DEFAULT 1,
    versie            INTEGER NOT NULL DEFAULT 1,
    gewijzigd_door    TEXT NOT NULL,
    gewijzigd_op      TEXT NOT NULL
);

CREATE TABLE sessie (
    token_hash    TEXT PRIMARY KEY,          -- SHA-256 of the cookie value; the value itself is never stored
    gebruiker_id  INTEGER NOT NULL REFERENCES gebruiker(id),
    csrf          TEXT NOT NULL,
    aangemaakt    TEXT NOT NULL,
    laatst_actief TEXT NOT NULL
);

ALTER TABLE inwoner ADD COLUMN consulent_id INTEGER REFERENCES gebruiker(id);
ALTER TABLE inwoner ADD COLUMN team TEXT NOT NULL DEFAULT 'participatie';
CREATE INDEX inwoner_consulent ON inwoner (consulent_id);

CREATE TABLE audit (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    tijd          TEXT NOT NULL,
    gebruiker_id  INTEGER,
    gebruiker     TEXT NOT NULL,
    rol           TEXT,
    actie         TEXT NOT NULL,             -- lezen, wijzigen, aanmaken, inloggen, uitloggen, exporteren
    object_soort  TEXT NOT NULL,
    object_id     TEXT,
    velden        TEXT,                      -- JSON list of the fields read or changed
    doel          TEXT NOT NULL,             -- the purpose (grondslag) of the processing
    verzoek_id    TEXT NOT NULL
);
CREATE INDEX audit_object ON audit (object_soort, object_id);
CREATE TRIGGER audit_alleen_toevoegen_u BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'het auditlog kan alleen worden aangevuld'); END;
CREATE TRIGGER audit_alleen_toevoegen_d BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'het auditlog kan alleen worden aangevuld'); END;
