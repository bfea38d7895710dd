package dev.arca.kbs.plugin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Release metrics (docs/operations.md "Metrics"): {@code arca_kbs_releases_total} by plugin,
 * {@code arca_kbs_denials_total} by plugin and reason (the upstream error name: PolicyDeny, TokenVerifierError, …),
 * and the latency histogram {@code arca_kbs_release_duration_seconds} by plugin.
 */
@Component
public class ReleaseMetrics {

    private final MeterRegistry registry;

    public ReleaseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void released(String plugin) {
        Counter.builder("arca.kbs.releases").description("resources released to attested TEEs")
                .tag("plugin", plugin).register(registry).increment();
    }

    public void denied(String plugin, String reason) {
        Counter.builder("arca.kbs.denials").description("attested requests refused, by reason")
                .tag("plugin", plugin).tag("reason", reason == null ? "unknown" : reason).register(registry)
                .increment();
    }

    public <T> T time(String plugin, Supplier<T> release) {
        return Timer.builder("arca.kbs.release.duration").description("time to verify, decide, fetch and encrypt")
                .tag("plugin", plugin).publishPercentileHistogram().register(registry).record(release);
    }
}
