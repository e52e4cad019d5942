-- Signals from the income department (issue 16): the income consultant joins the roles, and a
-- signal recorded at a re-examination waits for the resident's team lead as a task.

-- The income consultant joins the CHECK of gebruiker.rol (see 0004 for the method).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''beleidsmedewerker''))', '''beleidsmedewerker'', ''inkomensconsulent''))')
 WHERE type = 'table' AND name = 'gebruiker';
PRAGMA writable_schema = OFF;

CREATE TABLE signaal (
    id               INTEGER PRIMARY KEY,
    inwoner_id       INTEGER NOT NULL,
    team             TEXT NOT NULL,
    soort            TEXT NOT NULL CHECK (soort IN ('wil_meedoen', 'situatie_gewijzigd', 'klaar_voor_werk')),
    heronderzoek_op  TEXT NOT NULL,
    toelichting      TEXT,
    door             TEXT NOT NULL,
    op               TEXT NOT NULL,
    afgehandeld_door TEXT,
    afgehandeld_op   TEXT
);
CREATE INDEX signaal_team_open ON signaal (team, afgehandeld_op, id);
