-- The client's address in the audit log (issue 18): the peer, or behind a configured trusted
-- reverse proxy the address it forwarded. Entries from before have none.
ALTER TABLE audit ADD COLUMN adres TEXT;
