package dev.arca.kbs.web;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.error.Problems;
import dev.arca.model.error.KbsErrorType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Everything under {@code /kbs/v0/} that no endpoint took (specs/kbs.md §1.1): unknown (name, method) pairs fall
 * through to the plugin lookup, so e.g. {@code GET /kbs/v0/auth} is 404 PluginNotFound as upstream. For the resource
 * plugin, a path of the wrong shape (two or four segments, a trailing slash) is a 400 and any other method a 405.
 */
@RestController
public class PluginFallbackController {

    private static final int MAX_NAME_IN_DETAIL = 64;

    @RequestMapping(value = "/kbs/v0/**",
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE})
    public ResponseEntity<byte[]> fallback(HttpServletRequest request) {
        KbsPath path = KbsPath.of(request);
        if (KbsPath.RESOURCE_PLUGIN.equals(path.plugin())) {
            if ("PUT".equals(request.getMethod())) {
                throw new KbsException(Problems.withStatus(KbsErrorType.InvalidRequest, 405,
                        "the resource plugin accepts GET, POST and DELETE"));
            }
            path.resourcePath();
            // A valid three-segment path should have been routed to the resource endpoints; refuse rather than guess.
            throw new KbsException(KbsErrorType.InvalidRequest, "invalid resource path");
        }
        String name = path.plugin().length() > MAX_NAME_IN_DETAIL
                ? path.plugin().substring(0, MAX_NAME_IN_DETAIL) + "…" : path.plugin();
        throw new KbsException(KbsErrorType.PluginNotFound, "Plugin " + name + " not found");
    }
}
