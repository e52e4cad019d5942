-- What-if scenarios (issue 14), saved per team: parameters only, as the domain crate's
-- checked JSON (never a figure about a resident). One name per team; the version guards
-- against overwriting a colleague's later save.
CREATE TABLE scenario (
    id             INTEGER PRIMARY KEY,
    team           TEXT NOT NULL,
    naam           TEXT NOT NULL,
    parameters     TEXT NOT NULL CHECK (json_valid(parameters)),
    versie         INTEGER NOT NULL DEFAULT 1 CHECK (versie >= 1),
    gewijzigd_door TEXT NOT NULL,
    gewijzigd_op   TEXT NOT NULL,
    UNIQUE (team, naam)
);
