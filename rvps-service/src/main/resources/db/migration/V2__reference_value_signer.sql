-- Provenance gains the id of the key whose signature the extractor verified (in-toto: the layout key); NULL for
-- extractors that check no signature (sample, swid, corim). Portable SQL: H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE reference_value ADD COLUMN signer_key_id VARCHAR(128);
