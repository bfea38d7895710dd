-- Collateral fetched by verifiers (Intel TCB Info / QE Identity / CRLs, AMD VCEKs, ...), shared by restarts and
-- replicas (docs/attestation-service.md "Collateral"). "key" is quoted: it is a keyword in H2.
CREATE TABLE collateral (
    kind        VARCHAR(64)              NOT NULL,
    "key"       VARCHAR(200)             NOT NULL,
    body        BYTEA                    NOT NULL,
    fetched_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    next_update TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, "key")
);
