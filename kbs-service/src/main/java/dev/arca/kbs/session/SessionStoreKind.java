package dev.arca.kbs.session;

/** Values of {@code arca.kbs.session-store}. */
public enum SessionStoreKind {
    /** This replica's memory: bounded, lost on restart; /auth and /attest must reach the same replica. */
    MEMORY,
    /** Table {@code kbs_session} of the configured database: shared by every replica using that database. */
    JDBC
}
