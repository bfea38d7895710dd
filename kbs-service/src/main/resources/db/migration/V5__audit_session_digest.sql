-- The audit log keeps the SHA-256 of a session id, never the id: a live session id is a bearer credential, and
-- whoever could read the audit log could have presented it as a cookie (docs/security.md). Ids recorded before this
-- version are dropped; their sessions expired long ago.
ALTER TABLE kbs_audit RENAME COLUMN session_id TO session_digest;
ALTER TABLE kbs_audit ALTER COLUMN session_digest SET DATA TYPE VARCHAR(64);
UPDATE kbs_audit SET session_digest = NULL;
