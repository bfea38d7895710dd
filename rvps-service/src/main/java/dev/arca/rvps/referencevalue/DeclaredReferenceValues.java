package dev.arca.rvps.referencevalue;

import dev.arca.model.json.Json;
import dev.arca.model.rvps.RvpsMessage;
import dev.arca.rvps.InvalidRequestException;
import dev.arca.service.declarative.DeclarativeDirectory;
import dev.arca.service.declarative.DeclarativeDirectoryMetrics;
import dev.arca.service.declarative.FileRefusedException;
import dev.arca.service.declarative.RefusalReporter;
import dev.arca.service.declarative.LoadReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Provenance messages declared in {@code arca.rvps.reference-value-directory.path}, registered when a file appears or
 * changes through the same {@link ReferenceValueService#register} as the admin API (version, extractor, signatures,
 * names), so a refused file is refused for the reason an upload would be. Unlike policies, these files seed the store
 * rather than own names: reference values accumulate from many messages and expire by their own dates, so removing a
 * file leaves its values to expire (or to an admin delete) instead of withdrawing them at once.
 */
@Component
public class DeclaredReferenceValues implements DisposableBean {

    private final DeclarativeDirectory<List<String>> directory;

    public DeclaredReferenceValues(ReferenceValueDirectoryProperties properties, ReferenceValueService service,
            Clock clock, MeterRegistry registry,
            RefusalReporter reporter) {
        if (properties.path() == null) {
            this.directory = null;
            return;
        }
        this.directory = new DeclarativeDirectory<List<String>>("reference value", properties.path(),
                (name, text) -> register(service, text), clock, reporter).start(properties.pollInterval());
        DeclarativeDirectoryMetrics.bind(registry, "reference-value", directory);
    }

    private static List<String> register(ReferenceValueService service, String text) throws FileRefusedException {
        RvpsMessage message;
        try {
            message = Json.read(text, RvpsMessage.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new FileRefusedException("not a provenance message (JSON with version, type, payload)");
        }
        if (message == null) {
            throw new FileRefusedException("not a provenance message (JSON with version, type, payload)");
        }
        try {
            return service.register(message);
        } catch (InvalidRequestException e) {
            throw new FileRefusedException(e.getMessage());
        }
    }

    /** The last scan's result; empty when no directory is configured. */
    public Optional<LoadReport> lastReport() {
        return directory == null ? Optional.empty() : Optional.of(directory.lastReport());
    }

    @Override
    public void destroy() {
        if (directory != null) {
            directory.close();
        }
    }
}
