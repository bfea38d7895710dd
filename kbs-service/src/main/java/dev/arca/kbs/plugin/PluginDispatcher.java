package dev.arca.kbs.plugin;

import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.web.JsonResponses;
import dev.arca.kbs.web.KbsPath;
import dev.arca.kbs.web.RequestBodies;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.error.KbsErrorType;
import dev.arca.service.security.ServiceSecurity;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * Everything under {@code /kbs/v0/} that no built-in endpoint took goes to a plugin (Trustee kbs.yaml API; Trustee KBS PLUGIN_GUIDE.md): the
 * first segment names it (unknown → 404 PluginNotFound, so e.g. {@code GET /kbs/v0/auth} is PluginNotFound as
 * upstream), the plugin validates the request and says whether it is an admin or an attested call. Admin calls were
 * authorised by the security filter chain ({@code KbsSecurityConfiguration}, through {@link PluginAccess}); attested
 * calls are authenticated here, by the release path, before the plugin sees the body.
 */
@RestController
@Hidden
public class PluginDispatcher {

    private static final int MAX_NAME_IN_DETAIL = 64;

    private final PluginRegistry plugins;
    private final ServiceSecurity security;
    private final AttestedRelease release;
    private final long maxBody;

    public PluginDispatcher(PluginRegistry plugins, ServiceSecurity security, AttestedRelease release,
            KbsProperties properties) {
        this.plugins = plugins;
        this.security = security;
        this.release = release;
        this.maxBody = Math.max(properties.maxRequestBody().toBytes(), properties.maxResourceSize().toBytes());
    }

    @RequestMapping(value = "/kbs/v0/**",
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE})
    public ResponseEntity<byte[]> dispatch(HttpServletRequest request) {
        KbsPath path = KbsPath.of(request);
        KbsPlugin plugin = plugins.find(path.plugin()).orElseThrow(() -> new KbsException(
                KbsErrorType.PluginNotFound, "Plugin " + shorten(path.plugin()) + " not found"));
        PluginRequest pluginRequest = new PluginRequest(request.getMethod(), plugin.name(), path.segments(),
                query(request), null);
        return switch (plugin.access(pluginRequest)) {
            case ADMIN -> {
                AdminIdentity identity = security.adminCaller();
                yield plugin.admin(pluginRequest.withBody(RequestBodies.read(request, maxBody)), identity);
            }
            case ATTESTED -> JsonResponses.ok(release.release(plugin, pluginRequest, request, this::body));
        };
    }

    /** GET and DELETE carry no body; the others up to the configured limit. */
    private byte[] body(HttpServletRequest request) {
        return switch (request.getMethod()) {
            case "GET", "DELETE" -> new byte[0];
            default -> RequestBodies.read(request, maxBody);
        };
    }

    /**
     * The query string as a flat map; for a repeated key the last value wins (Trustee kbs.yaml API). Parsed from the
     * raw query string, never from servlet parameters, which would read a form-encoded body as parameters too.
     */
    static Map<String, String> query(HttpServletRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = request.getQueryString();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                query.put(UriUtils.decode(name.replace('+', ' '), StandardCharsets.UTF_8),
                        UriUtils.decode(value.replace('+', ' '), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new KbsException(KbsErrorType.InvalidRequest, "malformed percent-encoding in the query string");
            }
        }
        return query;
    }

    private static String shorten(String name) {
        return name.length() > MAX_NAME_IN_DETAIL ? name.substring(0, MAX_NAME_IN_DETAIL) + "…" : name;
    }
}
