package dev.arca.service.web;

import dev.arca.model.error.ErrorInformation;
import dev.arca.model.json.Json;
import dev.arca.service.problem.ProblemCatalogue;
import dev.arca.service.problem.ProblemKind;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report for requests it refuses before any application code runs (a malformed request line, a NUL
 * byte or an invalid escape in the path, an oversized header, {@code CONNECT}, an unknown protocol version): a
 * problem+json body in the service's vocabulary instead of an HTML page, never naming the exception or the server.
 * Statuses Tomcat uses for the client's mistakes are answered as the 4xx they are: 501 (a method Tomcat does not
 * implement, such as {@code CONNECT}) as 405, 505 (an HTTP version it does not speak) as 400.
 */
public final class ContainerErrorReportValve extends ErrorReportValve {

    private final ProblemCatalogue catalogue;

    public ContainerErrorReportValve(ProblemCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ErrorInformation problem = switch (status) {
            case 501 -> catalogue.problem(ProblemKind.METHOD_NOT_ALLOWED, "this HTTP method is not supported");
            case 505 -> catalogue.problem(ProblemKind.BAD_REQUEST, "this HTTP version is not supported");
            case 431 -> catalogue.problem(ProblemKind.HEADERS_TOO_LARGE, "the request headers are too large");
            default -> status >= 500
                    ? catalogue.problem(ProblemKind.INTERNAL, "internal error")
                    : catalogue.problem(ProblemKind.of(status), "malformed request");
        };
        try {
            response.setStatus(problem.status());
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Json.write(CorrelationId.attach(problem)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response is already committed: nothing more to say
        }
    }
}
