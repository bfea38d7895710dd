package dev.arca.kbs.policy;

import dev.arca.kbs.error.KbsException;
import dev.arca.policy.cel.PolicyRejectedException;
import dev.arca.service.declarative.DeclarativeDirectory;
import dev.arca.service.declarative.DeclarativeDirectoryMetrics;
import dev.arca.service.declarative.FileRefusedException;
import dev.arca.service.declarative.RefusalReporter;
import dev.arca.service.declarative.LoadReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Resource policies declared in {@code arca.kbs.policy-directory.path}: authoritative for the ids they hold (the admin
 * API answers 409 for those), checked with the upload's validation (id, binding, CEL compile and budget estimate).
 * Held in memory by each replica, not in the shared database, so replicas mounting the same ConfigMap agree without
 * writing.
 */
@Component
public class DeclaredResourcePolicies implements DisposableBean {

    /** The optional first line naming the binding: a CEL comment, so the file is plain CEL to any tool. */
    private static final Pattern BINDING_LINE = Pattern.compile("\\A[ \\t]*(?://|#)[ \\t]*binding:[ \\t]*(\\S*)[ \\t]*\\R?");

    private final DeclarativeDirectory<StoredPolicy> directory;

    public DeclaredResourcePolicies(ResourcePolicyDirectoryProperties properties, ResourcePolicyEngine engine,
            Clock clock, MeterRegistry registry,
            RefusalReporter reporter) {
        if (properties.path() == null) {
            this.directory = null;
            return;
        }
        this.directory = new DeclarativeDirectory<StoredPolicy>("resource policy", properties.path(),
                (name, text) -> parse(engine, clock, name, text), clock, reporter).start(properties.pollInterval());
        DeclarativeDirectoryMetrics.bind(registry, "resource-policy", directory);
    }

    static StoredPolicy parse(ResourcePolicyEngine engine, Clock clock, String id, String text)
            throws FileRefusedException {
        Matcher line = BINDING_LINE.matcher(text);
        String binding = line.lookingAt() ? line.group(1) : "";
        try {
            PolicyBinding.requireId(id);
            PolicyBinding.requireBinding(binding);
        } catch (KbsException e) {
            throw new FileRefusedException(e.getMessage());
        }
        try {
            engine.validate(text);
        } catch (PolicyRejectedException e) {
            throw new FileRefusedException("does not compile: " + e.getMessage());
        }
        return new StoredPolicy(id, binding, text, clock.instant());
    }

    public Optional<StoredPolicy> find(String id) {
        return directory == null ? Optional.empty() : directory.find(id);
    }

    /** True when a file for {@code id} is in the directory, valid or not: the admin API may not change that id. */
    public boolean declares(String id) {
        return directory != null && directory.declares(id);
    }

    /** The declared policies in force, by id. */
    public List<StoredPolicy> list() {
        return directory == null ? List.of() : List.copyOf(directory.all().values());
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
