package dev.arca.kbs.plugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** The plugins by route name; two plugins with one name stop the start (upstream silently kept the last). */
@Component
public class PluginRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Map<String, KbsPlugin> plugins;

    public PluginRegistry(List<KbsPlugin> plugins) {
        Map<String, KbsPlugin> byName = new LinkedHashMap<>();
        for (KbsPlugin plugin : plugins) {
            if (!NAME.matcher(plugin.name()).matches()) {
                throw new IllegalStateException("plugin name '" + plugin.name() + "' must match " + NAME);
            }
            if (byName.putIfAbsent(plugin.name(), plugin) != null) {
                throw new IllegalStateException("two plugins are named '" + plugin.name() + "'");
            }
        }
        this.plugins = Map.copyOf(byName);
    }

    public Optional<KbsPlugin> find(String name) {
        return Optional.ofNullable(plugins.get(name));
    }

    public java.util.Set<String> names() {
        return plugins.keySet();
    }
}
