package dev.arca.agent.kbs;

/** Test vectors computed independently of this code (with Python, from guest-components' kbs_protocol rules). */
final class Vectors {

    static final String X = "axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY";
    static final String Y = "T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU";
    static final String JWK_JCS = "{\"alg\":\"ECDH-ES+A256KW\",\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + X
            + "\",\"y\":\"" + Y + "\"}";
    static final String NONCE = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    static final String PRIMARY_JCS = "{\"additional-evidence\":\"\",\"nonce\":\"" + NONCE + "\",\"tee-pubkey\":"
            + JWK_JCS + "}";
    static final String PRIMARY_SHA384 =
            "bc18735746472713c97d2b881e0a178e1b09bb652fd2a3d5e7945e756c7f14496d7cc1a29bf74a6b3bfe248691e5f3b4";
    static final String SAMPLE_EVIDENCE =
            "{\"svn\":\"1\",\"report_data\":\"vBhzV0ZHJxPJfSuIHgoXjhsJu2Uv0qPV55RedWx/FEltfMGim/dKazv+JIaR5fO0\"}";
    static final String DEVICE_SHA384 =
            "78056498d1764ed54a9cfce8c913885dc6adde6df9f275dd1583fb4dc7d5c01fb12a3f58faea37f2e0b22184149486c8";
    static final String JWE_RESPONSE = "{\"protected\":\"eyJhbGciOiJFQ0RILUVTK0EyNTZLVyIsImVuYyI6IkEyNTZHQ00iLCJlcGsiOn"
            + "siY3J2IjoiUC0yNTYiLCJrdHkiOiJFQyIsIngiOiJmUEo3R0kwRFQzNktVamdEQkxVYXc4Q0phZUozOGhzMXBndElfRWRtbVhnIiwie"
            + "SI6IkIzZFZFTnVPMEVBcFBackduM1F3MjdwOXJlWTg2WUlwbmdTM25TSjRjOUUifX0\",\"encrypted_key\":\"gKD1vwpNmfEvP8gj"
            + "Kru_DX1FK9aTzjya_ixwxHJWfqsCtH0yg1y_WQ\",\"iv\":\"AAAAAAAAAAAAAAAA\",\"ciphertext\":\"ZtnZsto\",\"tag\":"
            + "\"umSxPXEFZc7FxcL30tk6fQ\"}";

    private Vectors() {
    }
}
