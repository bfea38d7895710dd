package dev.arca.kbs.jwe;

import java.security.KeyPair;
import java.security.spec.ECParameterSpec;

/**
 * The random inputs of one JWE. Production draws them from a CSPRNG; tests inject fixed values to reproduce a
 * vector computed independently of this code.
 */
interface JweRandomness {

    /** A fresh ephemeral key pair on the recipient's curve (ECDH-ES, Trustee kbs_attestation_protocol.md). */
    KeyPair ephemeralKey(ECParameterSpec curve);

    /** A fresh 32-byte AES-256 content-encryption key. */
    byte[] contentKey();

    /** A fresh 12-byte GCM initialisation vector. */
    byte[] iv();
}
