package dev.arca.agent.kbs;

/**
 * How resource requests prove the attestation (guest-components kbs_protocol): the session cookie of the handshake
 * (background-check mode, what trustee-attester and kbs-client use), or the token as {@code Authorization: Bearer}
 * (passport mode, what CDH uses; the KBS then takes the TEE key from the token).
 */
public enum ResourceAuth {
    COOKIE, BEARER
}
