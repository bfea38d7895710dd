package dev.arca.service.problem;

import dev.arca.model.error.ErrorInformation;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * How one service names its problems (RFC 9457 {@code type} and {@code title}). The KBS keeps upstream's error names
 * (its {@code type} URIs are upstream's, for wire compatibility); the AS and RVPS use one URI scheme,
 * {@code https://arca.dev/problems/<service>/<slug>} with the service's module name ({@code attestation-service},
 * {@code rvps-service}), and name the shared refusals with the same slugs ({@link #slug(ProblemKind)},
 * {@link #slug(int)}), so a 413 is {@code payload-too-large} on both (docs/operations.md "Problem types").
 */
public interface ProblemCatalogue {

    String TYPE_BASE = "https://arca.dev/problems/";

    /** The problem for a refusal of the shared plumbing; {@code detail} is already safe to show. */
    ErrorInformation problem(ProblemKind kind, String detail);

    /** The catalogue of a service that names its problems after their kind. */
    static ProblemCatalogue arca(String service) {
        return (kind, detail) -> new ErrorInformation(typeUri(service, slug(kind)), title(slug(kind)), kind.status(),
                detail);
    }

    static String typeUri(String service, String slug) {
        return TYPE_BASE + service + "/" + slug;
    }

    /** The slug of a shared refusal, e.g. {@code invalid-request}, {@code payload-too-large}. */
    static String slug(ProblemKind kind) {
        return switch (kind) {
            case BAD_REQUEST -> "invalid-request";
            case INTERNAL -> "internal-error";
            default -> kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    /**
     * The slug of a bare status (a framework error, or one a service answers without a problem of its own): the
     * shared refusal's slug when there is one for exactly this status, else the status's name ({@code conflict}),
     * else {@code http-<status>}.
     */
    static String slug(int status) {
        for (ProblemKind kind : ProblemKind.values()) {
            if (kind.status() == status) {
                return slug(kind);
            }
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "http-" + status : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code payload-too-large} → {@code Payload too large}. */
    static String title(String slug) {
        String words = slug.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
