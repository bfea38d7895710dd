package dev.arca.service.problem;

import dev.arca.model.error.ErrorInformation;
import java.util.Locale;

/**
 * How one service names its problems (RFC 9457 {@code type} and {@code title}). The KBS keeps upstream's error names
 * (its {@code type} URIs are upstream's); the AS and RVPS use {@link #arca(String)}: one URI scheme,
 * {@code https://arca.dev/problems/<service>/<slug>}.
 */
public interface ProblemCatalogue {

    String TYPE_BASE = "https://arca.dev/problems/";

    /** The problem for a refusal of the shared plumbing; {@code detail} is already safe to show. */
    ErrorInformation problem(ProblemKind kind, String detail);

    /** The catalogue of a service that names its problems after their kind. */
    static ProblemCatalogue arca(String service) {
        return (kind, detail) -> new ErrorInformation(typeUri(service, slug(kind)), title(kind), kind.status(),
                detail);
    }

    static String typeUri(String service, String slug) {
        return TYPE_BASE + service + "/" + slug;
    }

    static String slug(ProblemKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String title(ProblemKind kind) {
        String words = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
