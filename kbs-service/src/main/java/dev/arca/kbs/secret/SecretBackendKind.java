package dev.arca.kbs.secret;

/** Values of {@code arca.kbs.secrets.backend} (docs/secret-backends.md "Which to choose"). */
public enum SecretBackendKind {
    /** Table {@code kbs_resource} of the KBS database, AES-256-GCM under the key-encryption key; the default. */
    DATABASE,
    /** Files {@code <path>/<repo>/<type>/<tag>}, upstream's layout; e.g. a Kubernetes Secret mounted as a volume. */
    DIRECTORY,
    /** A HashiCorp Vault (or OpenBao) KV version 2 secrets engine. */
    VAULT
}
