-- Reference values (Trustee rvps/README.md) with the provenance of their registration.
-- Portable SQL: runs on H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE reference_value (
    name          VARCHAR(256)             NOT NULL PRIMARY KEY,
    version       VARCHAR(32)              NOT NULL,
    value_json    TEXT                     NOT NULL,
    expiration    TIMESTAMP WITH TIME ZONE NOT NULL,
    message_type  VARCHAR(64)              NOT NULL,
    extractor     VARCHAR(128)             NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX reference_value_expiration ON reference_value (expiration);
