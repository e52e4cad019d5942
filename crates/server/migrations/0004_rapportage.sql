-- The council report (issue 13): policy staff as a role, yearly ambitions per indicator, the
-- start date of the approach, and the publication threshold for small counts.

-- Policy staff (beleidsmedewerker) join the CHECK of gebruiker.rol. SQLite cannot alter a
-- CHECK; for a change that touches no stored row its documented way is to rewrite the table's
-- schema text (sqlite.org/lang_altertable.html, "making other kinds of table schema changes").
-- db.rs bumps the schema version afterwards and runs an integrity check.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''beheerder''))', '''beheerder'', ''beleidsmedewerker''))')
 WHERE type = 'table' AND name = 'gebruiker';
PRAGMA writable_schema = OFF;

CREATE TABLE ambitie (
    jaar           INTEGER NOT NULL CHECK (jaar BETWEEN 2000 AND 2100),
    indicator      TEXT NOT NULL,
    doel           INTEGER NOT NULL CHECK (doel >= 0),
    gewijzigd_door TEXT NOT NULL,
    gewijzigd_op   TEXT NOT NULL,
    PRIMARY KEY (jaar, indicator)
);

ALTER TABLE gemeente ADD COLUMN start_aanpak TEXT NOT NULL DEFAULT '2022-09-01';
-- Counts below this are shown as "< n" for publication; NULL: all counts exact.
ALTER TABLE gemeente ADD COLUMN rapport_drempel INTEGER;
