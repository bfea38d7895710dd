package dev.arca.kbs.error;

import dev.arca.model.error.KbsErrorType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's /error page for failures raised outside the MVC handlers (filters, the servlet container), so those
 * answers are problem+json too and never carry a stack trace.
 */
@RestController
@Hidden
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        return switch (status) {
            case 404 -> Problems.of(KbsErrorType.InvalidRequestPath, "Request path is invalid");
            case 413 -> Problems.of(KbsErrorType.PayloadTooLarge, "request too large");
            default -> status >= 500
                    ? Problems.of(KbsErrorType.PluginInternalError, "internal error")
                    : Problems.of(Problems.withStatus(KbsErrorType.InvalidRequest, status, "malformed request"));
        };
    }
}
