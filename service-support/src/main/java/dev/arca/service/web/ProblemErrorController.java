package dev.arca.service.web;

import dev.arca.model.error.ErrorInformation;
import dev.arca.model.json.Json;
import dev.arca.service.problem.ProblemCatalogue;
import dev.arca.service.problem.ProblemKind;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page of the servlet container (requests that failed before or outside Spring MVC's exception handling:
 * a filter's error, a 404 the container found): problem+json in the service's vocabulary, generic words only.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private final ProblemCatalogue catalogue;

    public ProblemErrorController(ProblemCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        ProblemKind kind = ProblemKind.of(status);
        String detail = switch (kind) {
            case NOT_FOUND -> "no such path";
            case PAYLOAD_TOO_LARGE -> "request too large";
            case INTERNAL -> "internal error";
            default -> "malformed request";
        };
        ErrorInformation problem = CorrelationId.attach(catalogue.problem(kind, detail));
        // serialised here with a preset content type, so no Accept header can turn the error into a 406
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Json.writeBytes(problem));
    }
}
