package dev.arca.attestation.policy;

import dev.arca.attestation.web.ApiException;
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

/**
 * Attestation policies declared in {@code arca.as.policy-directory.path}: authoritative for the ids they hold (the
 * admin API answers 409 for those), checked with the upload's validation (id syntax, Rego or CEL compile, CEL budget estimate).
 * Held in memory by each replica, not in the shared database, so replicas that mount the same ConfigMap agree
 * without writing.
 */
@Component
public class DeclaredPolicies implements DisposableBean {

    private final DeclarativeDirectory<String> directory;

    public DeclaredPolicies(PolicyDirectoryProperties properties, PolicyValidation validation, Clock clock,
            MeterRegistry registry, RefusalReporter reporter) {
        if (properties.path() == null) {
            this.directory = null;
            return;
        }
        this.directory = new DeclarativeDirectory<String>("attestation policy", properties.path(),
                (name, text) -> validate(validation, name, text), clock, reporter).start(properties.pollInterval());
        DeclarativeDirectoryMetrics.bind(registry, "attestation-policy", directory);
    }

    private static String validate(PolicyValidation validation, String id, String text) throws FileRefusedException {
        try {
            PolicyIds.requireValid(id);
        } catch (ApiException e) {
            throw new FileRefusedException("the file name is not a valid policy id: " + e.getMessage());
        }
        try {
            validation.validate(text);
        } catch (InvalidPolicyException e) {
            throw new FileRefusedException((e.overBudget() ? "over the evaluation budget: " : "does not compile: ")
                    + e.getMessage());
        }
        return text;
    }

    public Optional<String> find(String id) {
        return directory == null ? Optional.empty() : directory.find(id);
    }

    /** True when a file for {@code id} is in the directory, valid or not: the admin API may not change that id. */
    public boolean declares(String id) {
        return directory != null && directory.declares(id);
    }

    public List<String> ids() {
        return directory == null ? List.of() : List.copyOf(directory.all().keySet());
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
