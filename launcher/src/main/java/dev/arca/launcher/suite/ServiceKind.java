package dev.arca.launcher.suite;

/** The three tenant-side services, with the module that builds each and its default port. */
public enum ServiceKind {
    RVPS("rvps-service", 8082),
    ATTESTATION_SERVICE("attestation-service", 8081),
    KBS("kbs-service", 8080);

    private final String module;
    private final int defaultPort;

    ServiceKind(String module, int defaultPort) {
        this.module = module;
        this.defaultPort = defaultPort;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
