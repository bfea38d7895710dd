package dev.arca.kbs.web;

import dev.arca.kbs.error.Problems;
import dev.arca.model.error.ErrorInformation;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report for requests it refuses before any application code runs (a NUL byte or a malformed
 * request line, an oversized header): a problem+json body like every other error of the KBS, instead of an HTML
 * page. It never includes the exception or server details. Tomcat instantiates it by class name (the host's
 * {@code errorReportValveClass}), hence public.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

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
        ErrorInformation problem = status >= 500
                ? ErrorInformation.kbs(KbsErrorType.PluginInternalError, "internal error")
                : Problems.withStatus(KbsErrorType.InvalidRequest, status, "malformed request");
        try {
            response.setContentType(Problems.PROBLEM_JSON.toString());
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Json.write(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response is already committed: nothing more to say
        }
    }
}
