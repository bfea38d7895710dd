package dev.arca.kbs.plugin;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.web.KbsPath;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a request under {@code /kbs/v0/} is to the plugins, for the security configuration: the same path parsing and
 * the same {@link KbsPlugin#access} answer the {@link PluginDispatcher} acts on, so the rule that lets a request in
 * and the code that serves it can never disagree.
 */
@Component
public class PluginAccess {

    /** How the plugins classify a request. */
    public enum Kind {
        /** a plugin's guest call: authenticated by the attestation token on the release path */
        ATTESTED,
        /** a plugin's admin call */
        ADMIN,
        /** no plugin has this name: the dispatcher answers 404 PluginNotFound */
        NO_PLUGIN,
        /** the plugin refuses the request as malformed: the dispatcher answers its 4xx before any work */
        REFUSED
    }

    private final PluginRegistry plugins;

    public PluginAccess(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    public Kind classify(HttpServletRequest request) {
        KbsPath path;
        try {
            path = KbsPath.of(request);
        } catch (KbsException malformed) {
            return Kind.REFUSED;
        }
        Optional<KbsPlugin> plugin = plugins.find(path.plugin());
        if (plugin.isEmpty()) {
            return Kind.NO_PLUGIN;
        }
        try {
            return switch (plugin.get().access(new PluginRequest(request.getMethod(), plugin.get().name(),
                    path.segments(), Map.of(), null))) {
                case ATTESTED -> Kind.ATTESTED;
                case ADMIN -> Kind.ADMIN;
            };
        } catch (KbsException refused) {
            return Kind.REFUSED;
        }
    }
}
