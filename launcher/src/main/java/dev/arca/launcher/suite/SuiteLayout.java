package dev.arca.launcher.suite;

import java.nio.file.Path;

/**
 * What lives in a suite directory (default ./.arca): the admin credential, each service's data directory (its H2
 * database and generated keys) and each service's log.
 */
public record SuiteLayout(Path dir) {

    public SuiteLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path adminDir() {
        return dir.resolve("admin");
    }

    public Path adminPrivateKey() {
        return adminDir().resolve("admin-key.pem");
    }

    public Path adminPublicKey() {
        return adminDir().resolve("admin-pub.pem");
    }

    public Path dataDir(ServiceKind kind) {
        return dir.resolve(kind.module());
    }

    public Path logFile(ServiceKind kind) {
        return dir.resolve("logs").resolve(kind.module() + ".log");
    }
}
