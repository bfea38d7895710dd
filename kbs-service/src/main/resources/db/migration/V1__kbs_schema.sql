-- Secrets, encrypted at rest with AES-256-GCM under the KEK (ciphertext includes the 16-byte tag).
CREATE TABLE kbs_resource (
    repository  VARCHAR(128)             NOT NULL,
    type        VARCHAR(128)             NOT NULL,
    tag         VARCHAR(128)             NOT NULL,
    ciphertext  BYTEA                    NOT NULL,
    nonce       BYTEA                    NOT NULL,
    key_id      VARCHAR(64)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (repository, type, tag)
);

-- The resource policy (CEL text); one row, id 'resource-policy', until an admin sets one the built-in default applies.
CREATE TABLE kbs_resource_policy (
    id          VARCHAR(64)              PRIMARY KEY,
    policy_text TEXT                     NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
