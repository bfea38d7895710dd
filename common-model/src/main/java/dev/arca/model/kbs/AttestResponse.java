package dev.arca.model.kbs;

/** 200 answer of /attest: the attestation token. */
public record AttestResponse(String token) {
}
