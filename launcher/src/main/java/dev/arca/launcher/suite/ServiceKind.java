package dev.arca.launcher.suite;

/** The three tenant-side services, named by the module that builds each. */
public enum ServiceKind {
    RVPS("rvps-service"),
    ATTESTATION_SERVICE("attestation-service"),
    KBS("kbs-service");

    private final String module;

    ServiceKind(String module) {
        this.module = module;
    }

    public String module() {
        return module;
    }
}
