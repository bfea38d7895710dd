package dev.arca.kbs.testing;

import dev.arca.kbs.KbsApplication;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A KBS started with {@link SpringApplicationBuilder} on a random port, for tests that need several instances or a
 * configuration of their own (several replicas on one database, HTTPS). The AS double and the admin key are the
 * shared ones of {@link TestEnvironment}.
 */
public final class KbsInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private KbsInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** The properties every instance needs; callers add or override. */
    public static Map<String, Object> baseProperties(java.nio.file.Path dataDir) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("arca.data-dir", dataDir.toString());
        properties.put("arca.kbs.as-url", TestEnvironment.AS.url());
        properties.put("arca.kbs.rvps-url", TestEnvironment.AS.url());
        properties.put("arca.admin.public-key-files", TestEnvironment.ADMIN_PUBLIC_KEY.toString());
        properties.put("spring.jmx.enabled", "false");
        return properties;
    }

    public static KbsInstance start(Map<String, Object> properties, Clock clock) {
        // as command-line arguments: SpringApplicationBuilder.properties() would rank below application.yaml
        String[] arguments = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(KbsApplication.class);
        if (clock != null) {
            builder.initializers(context -> context.getBeanFactory().registerSingleton("testClock", clock));
        }
        return new KbsInstance(builder.run(arguments));
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public KbsHttp http() {
        return new KbsHttp(port());
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
