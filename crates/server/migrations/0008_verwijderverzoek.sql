-- A resident's request to erase their data (AVG art. 17), recorded by the team lead with the
-- day it was received and what was asked; handled by a person (the retention command or an
-- erasure decision), never by this table itself.
CREATE TABLE verwijderverzoek (
    id             INTEGER PRIMARY KEY,
    inwoner_id     INTEGER NOT NULL,
    team           TEXT NOT NULL,
    ontvangen_op   TEXT NOT NULL,
    toelichting    TEXT NOT NULL,
    vastgelegd_door TEXT NOT NULL,
    vastgelegd_op  TEXT NOT NULL
);
CREATE INDEX verwijderverzoek_team ON verwijderverzoek (team, id);
