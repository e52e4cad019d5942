-- Accounts: a password set by an administrator (a new user, a reset) must be changed at the
-- next sign-in; sessions keep where they came from, so a user can see and end their own.
ALTER TABLE gebruiker ADD COLUMN wachtwoord_wijzigen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessie ADD COLUMN apparaat TEXT;
ALTER TABLE sessie ADD COLUMN adres TEXT;
