package dev.arca.launcher.suite;

import java.nio.file.Files;
import java.nio.file.Path;

/** The runnable jars the build leaves in each service module's target directory. */
public record ServiceJars(Path home) {

    /** The repository root, passed by the ./arca script; the working directory otherwise. */
    public static ServiceJars fromEnvironment() {
        String home = System.getProperty("arca.home", System.getenv().getOrDefault("ARCA_HOME", "."));
        return new ServiceJars(Path.of(home).toAbsolutePath().normalize());
    }

    public Path jar(ServiceKind kind) throws LaunchFailure {
        Path jar = home.resolve(kind.module()).resolve("target").resolve(kind.module() + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw LaunchFailure.failure(jar + " is missing: build the jars with ./arca build");
        }
        return jar;
    }
}
