package dev.arca.kbs.admin;

/** {@code arca.admin.mode}: upstream's authorization modes (specs/kbs.md §5.1). */
public enum AdminMode {
    /** Every admin call is refused (403): the admin API is switched off. */
    DENY_ALL,
    /** Signed JWT bearer tokens with a role, and per-role path ACLs (the default). */
    AUTHENTICATED,
    /** Every admin call is allowed without credentials. Development only; warns at startup and on every call. */
    INSECURE_ALLOW_ALL
}
