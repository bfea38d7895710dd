package dev.arca.attestation.web;

import dev.arca.model.error.ErrorInformation;
import dev.arca.service.problem.ProblemCatalogue;
import dev.arca.service.problem.ProblemKind;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;

/** The shared plumbing's refusals named as the AS's own {@link Problem}s. */
@Component
public class AsProblemCatalogue implements ProblemCatalogue {

    @Override
    public ErrorInformation problem(ProblemKind kind, String detail) {
        Problem problem = switch (kind) {
            case BAD_REQUEST -> Problem.INVALID_REQUEST;
            case UNAUTHENTICATED -> Problem.UNAUTHENTICATED;
            case FORBIDDEN -> Problem.FORBIDDEN;
            case NOT_FOUND -> Problem.NOT_FOUND;
            case PAYLOAD_TOO_LARGE -> Problem.PAYLOAD_TOO_LARGE;
            case UNAVAILABLE -> Problem.UPSTREAM_UNAVAILABLE;
            case INTERNAL -> Problem.INTERNAL;
            case METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE, HEADERS_TOO_LARGE -> null;
        };
        if (problem == null) {
            HttpStatusCode status = HttpStatusCode.valueOf(kind.status());
            return new ErrorInformation(Problem.typeFor(status).toString(),
                    ProblemCatalogue.title(ProblemCatalogue.slug(kind)), kind.status(), detail);
        }
        return new ErrorInformation(problem.type().toString(), problem.title(), problem.status().value(), detail);
    }
}
