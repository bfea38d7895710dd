package dev.arca.kbs.web;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.UriUtils;

/**
 * A request path below {@code /kbs/v0/}: the plugin name and the remaining segments (Trustee
 * kbs_attestation_protocol.md).
 *
 * <p>Built from the raw request URI, not from the container's decoded and normalised path: Tomcat removes
 * {@code ..} and {@code ;params} before routing, so {@code /kbs/v0/resource/a/x/../b/c} would reach the handler as
 * a valid-looking path. Validating what the client actually sent guarantees that a traversal attempt is refused, not
 * silently resolved (Trustee 74d74ed0, the 2023 path-traversal fix).
 */
public record KbsPath(String plugin, List<String> segments) {

    public static final String PREFIX = "/kbs/v0/";

    public KbsPath {
        segments = List.copyOf(segments);
    }

    public static KbsPath of(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        String[] raw = uri.split("/", -1);
        List<String> decoded = new ArrayList<>(raw.length);
        for (String segment : raw) {
            try {
                decoded.add(UriUtils.decode(segment, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new KbsException(KbsErrorType.InvalidRequest, "malformed percent-encoding in the request path");
            }
        }
        // the prefix is compared decoded, as the router and the security rules compare it (/%6bbs/v0/… is /kbs/v0/…)
        if (decoded.size() < 4 || !decoded.get(0).isEmpty() || !"kbs".equals(decoded.get(1))
                || !"v0".equals(decoded.get(2))) {
            throw new KbsException(KbsErrorType.InvalidRequestPath, "Request path " + uri + " is invalid");
        }
        return new KbsPath(decoded.get(3), decoded.subList(4, decoded.size()));
    }
}
