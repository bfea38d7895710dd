package dev.arca.kbs.secret.migration;

import dev.arca.kbs.config.ArcaProperties;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretBackendKind;
import dev.arca.kbs.secret.SecretBackends;
import dev.arca.kbs.secret.SecretsProperties;
import dev.arca.kbs.secret.database.KekPkcs11Properties;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code java -jar kbs-service-exec.jar migrate-secrets [--dry-run] --arca.kbs.secrets.migrate-to.backend=...}: copies
 * every secret from the backend the KBS is configured with (or {@code arca.kbs.secrets.migrate-from.*}) into the
 * backend described by {@code arca.kbs.secrets.migrate-to.*} (the same keys as {@code arca.kbs.secrets.*}). It reads
 * the KBS's own configuration (application.yaml, environment, the database and KEK settings), so it runs where the
 * KBS runs, e.g. as a Kubernetes Job with the KBS's image and values. No web server is started.
 *
 * <p>Exit status: 0 done, 1 a backend could not be opened, read or written, 2 usage.
 */
public final class SecretMigrationCommand {

    public static final String NAME = "migrate-secrets";
    static final String TARGET = "arca.kbs.secrets.migrate-to";
    static final String SOURCE = "arca.kbs.secrets.migrate-from";

    private SecretMigrationCommand() {
    }

    /**
     * The migration's Spring context: configuration properties, the data source and Flyway (so a database target is
     * migrated to the current schema), and the backends; none of the KBS's web or security beans. Deliberately not a
     * {@code @Configuration}, so the KBS's component scan never picks it up.
     */
    @EnableAutoConfiguration(excludeName = "dev.arca.service.ServiceSupportAutoConfiguration")
    @EnableConfigurationProperties({ArcaProperties.class, KbsProperties.class, KekPkcs11Properties.class,
            SecretsProperties.class})
    static class MigrationContext {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        SecretBackends secretBackends(ArcaProperties arca, KbsProperties kbs, KekPkcs11Properties pkcs11,
                JdbcClient jdbc, Clock clock) {
            return new SecretBackends(arca, kbs, pkcs11, jdbc, clock);
        }
    }

    /** @param args the arguments after {@code migrate-secrets} */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean dryRun = false;
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if ("--dry-run".equals(arg)) {
                dryRun = true;
            } else if ("--help".equals(arg) || "-h".equals(arg)) {
                out.println(usage());
                return 0;
            } else if (arg.startsWith("--") && arg.contains("=")) {
                springArgs.add(arg);
            } else {
                err.println(NAME + ": unexpected argument '" + arg + "'\n" + usage());
                return 2;
            }
        }
        springArgs.add("--spring.main.log-startup-info=false");
        // the KBS's readiness group names its own health contributors, which this context does not have
        springArgs.add("--management.endpoint.health.validate-group-membership=false");
        if (springArgs.stream().noneMatch(a -> a.startsWith("--logging.level.root="))) {
            springArgs.add("--logging.level.root=WARN");
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MigrationContext.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                .run(springArgs.toArray(String[]::new))) {
            Binder binder = Binder.get(context.getEnvironment());
            if (!binder.bind(TARGET + ".backend", String.class).isBound()) {
                err.println(NAME + ": set " + TARGET + ".backend (database, directory or vault) and its settings\n"
                        + usage());
                return 2;
            }
            SecretsProperties target = binder.bindOrCreate(TARGET, SecretsProperties.class);
            SecretsProperties source = binder.bind(SOURCE + ".backend", String.class).isBound()
                    ? binder.bindOrCreate(SOURCE, SecretsProperties.class)
                    : context.getBean(SecretsProperties.class);
            if (source.backend() == SecretBackendKind.DATABASE && target.backend() == SecretBackendKind.DATABASE) {
                err.println(NAME + ": source and target are the same database (spring.datasource.*); nothing to "
                        + "migrate");
                return 2;
            }
            SecretBackends backends = context.getBean(SecretBackends.class);
            SecretBackend from = backends.open(source);
            SecretBackend to = backends.open(target);
            SecretMigration.Report report = SecretMigration.copy(from, to, dryRun, line -> out.println("  " + line));
            out.printf("%s: %d secret(s) in the %s backend; %s %d to the %s backend, %d already there%s%n", NAME,
                    report.total(), from.name(), dryRun ? "would copy" : "copied", report.copied(), to.name(),
                    report.unchanged(), dryRun ? " (dry run: nothing written)" : "");
            return 0;
        } catch (RuntimeException e) {
            err.println(NAME + ": failed: " + rootMessage(e));
            return 1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause.getMessage() + ")";
    }

    static String usage() {
        return "usage: java -jar kbs-service-exec.jar " + NAME + " [--dry-run] --" + TARGET + ".backend=BACKEND "
                + "[--" + TARGET + ".<setting>=VALUE ...] [--" + SOURCE + ".backend=BACKEND ...] [--<KBS setting>=VALUE ...]\n"
                + "  copies every secret of the KBS's configured backend (or " + SOURCE + ") into the target;\n"
                + "  settings as under arca.kbs.secrets (docs/secret-backends.md \"Migrating\")";
    }
}
