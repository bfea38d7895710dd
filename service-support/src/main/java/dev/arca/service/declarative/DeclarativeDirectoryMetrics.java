package dev.arca.service.declarative;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The last load of a declarative-configuration directory as gauges, tagged {@code kind} (e.g.
 * {@code attestation-policy}), so an alert can fire on a refused ConfigMap edit (docs/operations.md "Declarative
 * configuration"):
 * <ul>
 *   <li>{@code arca.declarative.files{state=loaded|refused}}: ids in force, files refused by the last scan;</li>
 *   <li>{@code arca.declarative.load.clean}: 1 when the last scan accepted every file and could read the directory;</li>
 *   <li>{@code arca.declarative.load.time}: when the last scan ran, in seconds since the epoch.</li>
 * </ul>
 */
public final class DeclarativeDirectoryMetrics {

    private DeclarativeDirectoryMetrics() {
    }

    public static void bind(MeterRegistry registry, String kind, DeclarativeDirectory<?> directory) {
        Gauge.builder("arca.declarative.files", directory, d -> d.lastReport().loaded().size())
                .description("Declared entries in force").tag("kind", kind).tag("state", "loaded")
                .register(registry);
        Gauge.builder("arca.declarative.files", directory, d -> d.lastReport().refused().size())
                .description("Declared files refused by the last scan (their previous version stays in force)")
                .tag("kind", kind).tag("state", "refused").register(registry);
        Gauge.builder("arca.declarative.load.clean", directory, d -> d.lastReport().clean() ? 1 : 0)
                .description("1 when the last scan accepted every file and could read the directory")
                .tag("kind", kind).register(registry);
        Gauge.builder("arca.declarative.load.time", directory, d -> d.lastReport().at().toEpochMilli() / 1000.0)
                .description("When the directory was last scanned").baseUnit("seconds").tag("kind", kind)
                .register(registry);
    }
}
