package dev.arca.launcher.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One PostgreSQL database that the services share instead of their H2 files, each service in its own schema
 * ({@code kbs}, {@code attestation}, {@code rvps}: the schemas the chart and the compose file use), so their Flyway
 * histories never meet. The password goes to the services through the environment, never on their command line,
 * where the process list would show it.
 */
public record SharedDatabase(String url, String username, String password) {

    public SharedDatabase {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database) is needed,"
                    + " not " + url);
        }
        if (url.contains("currentSchema=")) {
            throw new IllegalArgumentException("the URL must not set currentSchema: each service uses its own schema"
                    + " (kbs, attestation, rvps) of that database");
        }
    }

    public static String schema(ServiceKind kind) {
        return switch (kind) {
            case KBS -> "kbs";
            case ATTESTATION_SERVICE -> "attestation";
            case RVPS -> "rvps";
        };
    }

    /** The service's JDBC URL: the database's, in the service's schema. */
    public String url(ServiceKind kind) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema(kind);
    }

    /** Spring properties for one service: where its tables live and, for the KBS, sessions shared by all replicas. */
    List<String> arguments(ServiceKind kind) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url(kind),
                "--spring.flyway.schemas=" + schema(kind)));
        if (username != null && !username.isBlank()) {
            arguments.add("--spring.datasource.username=" + username);
        }
        if (kind == ServiceKind.KBS) {
            // a session made by one replica's /auth must be found by another's /attest and resource request
            arguments.add("--arca.kbs.session-store=jdbc");
        }
        return arguments;
    }

    /** The password, as Spring Boot reads it from the environment; nothing when none is given. */
    Map<String, String> environment() {
        return password == null ? Map.of() : Map.of("SPRING_DATASOURCE_PASSWORD", password);
    }
}
