-- RCAR sessions shared by KBS replicas (arca.kbs.session-store=jdbc; Trustee kbs_attestation_protocol.md; Trustee KBS
-- cluster.md). state is the externally tagged JSON of the session state; state_digest (SHA-256 hex of state) is what
-- the compare-and-set of /attest compares, so the comparison never touches a large text column.
CREATE TABLE kbs_session (
    id            VARCHAR(32)              PRIMARY KEY,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    protocol      VARCHAR(16)              NOT NULL,
    state         TEXT                     NOT NULL,
    state_digest  CHAR(64)                 NOT NULL
);

CREATE INDEX kbs_session_expires_at ON kbs_session (expires_at);
