-- Attestation policies uploaded through POST /policy. Built-in defaults are not stored here; a row with the same id
-- overrides the built-in one.
CREATE TABLE policies (
    id         VARCHAR(128) PRIMARY KEY,
    text       TEXT         NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
