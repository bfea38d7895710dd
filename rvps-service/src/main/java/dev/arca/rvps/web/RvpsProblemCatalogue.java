package dev.arca.rvps.web;

import dev.arca.model.error.ErrorInformation;
import dev.arca.service.problem.ProblemCatalogue;
import dev.arca.service.problem.ProblemKind;
import org.springframework.stereotype.Component;

/** The RVPS names its problems after their kind: {@code https://arca.dev/problems/rvps-service/<slug>}. */
@Component
public class RvpsProblemCatalogue implements ProblemCatalogue {

    static final String SERVICE = "rvps-service";
    static final ProblemCatalogue INSTANCE = ProblemCatalogue.arca(SERVICE);

    @Override
    public ErrorInformation problem(ProblemKind kind, String detail) {
        return INSTANCE.problem(kind, detail);
    }
}
