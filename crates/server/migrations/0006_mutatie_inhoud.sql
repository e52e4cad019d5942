-- A mutation id names one change (issue 18): the fingerprint (SHA-256 of the request's JSON)
-- is kept with the answer, so a reused id with other content is refused instead of silently
-- answered with the first change. Rows from before have none and replay as before.
ALTER TABLE mutatie ADD COLUMN inhoud TEXT;
