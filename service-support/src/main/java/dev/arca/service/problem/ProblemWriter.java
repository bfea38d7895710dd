package dev.arca.service.problem;

import dev.arca.model.error.ErrorInformation;
import dev.arca.model.json.Json;
import dev.arca.service.web.CorrelationId;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;

/**
 * Writes a problem straight to the servlet response, for the places that answer before (or outside) Spring MVC:
 * security filters, the firewall, the container's error report. The body carries the request's correlation id so an
 * operator can find the matching log lines.
 */
public final class ProblemWriter {

    private final ProblemCatalogue catalogue;

    public ProblemWriter(ProblemCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public ProblemCatalogue catalogue() {
        return catalogue;
    }

    public void write(HttpServletResponse response, ProblemKind kind, String detail) throws IOException {
        write(response, catalogue.problem(kind, detail));
    }

    public void write(HttpServletResponse response, ErrorInformation problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(Json.writeBytes(CorrelationId.attach(problem)));
        response.flushBuffer();
    }
}
