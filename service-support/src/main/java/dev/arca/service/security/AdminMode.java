package dev.arca.service.security;

/** How a service treats admin calls ({@code arca.admin.mode}). */
public enum AdminMode {
    /** A bearer JWT signed by a configured admin key, with an allowed role (the default). */
    AUTHENTICATED,
    /** Every admin call is refused (403). */
    DENY_ALL,
    /** Every admin call is allowed without a credential; logged loudly at start and on every call. Development only. */
    INSECURE_ALLOW_ALL
}
