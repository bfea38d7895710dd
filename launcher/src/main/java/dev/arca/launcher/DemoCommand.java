package dev.arca.launcher;

import dev.arca.admin.kbs.KbsAdminClient;
import dev.arca.admin.keys.AdminKeyStore;
import dev.arca.admin.keys.AdminKeys;
import dev.arca.agent.attester.SampleAttester;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.KbsClientListener;
import dev.arca.launcher.suite.LaunchFailure;
import dev.arca.launcher.suite.ServiceJars;
import dev.arca.launcher.suite.ServiceKind;
import dev.arca.launcher.suite.Suite;
import dev.arca.launcher.suite.SuiteLayout;
import dev.arca.launcher.suite.SuitePorts;
import dev.arca.model.json.Base64s;
import dev.arca.model.resource.ResourceUri;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./arca demo}: the main job. Starts the suite in a fresh directory, provisions reference values, a secret
 * and a policy through the admin API, fetches the secret as an attested sample guest, and stops everything.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Release a secret to an attested sample guest through all four components, then stop.")
final class DemoCommand implements Callable<Integer> {

    static final String RESOURCE = "demo/key/secret";
    /** The reference values upstream's default policy checks sample evidence against (docs/policies.md). */
    static final String REFERENCE_VALUES = "{\"svn\":[\"1\"],\"launch_digest\":[\"abcde\"],"
            + "\"major_version\":1,\"minimum_minor_version\":0}";
    static final String POLICY = "input.submods.cpu0[\"ear.status\"] == \"affirming\""
            + " && \"sample\" in input.submods.cpu0[\"ear.veraison.annotated-evidence\"]"
            + " && request.path[0] == \"demo\"";

    @ParentCommand
    ArcaCommand arca;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--java-opts", paramLabel = "OPTS", defaultValue = SuiteOptions.QUICK_START,
            description = "JVM options for each service (default: ${DEFAULT-VALUE})")
    String javaOptions;

    private volatile String step = "start";
    private volatile boolean finished;
    private volatile boolean signalled;

    @Override
    public Integer call() throws Exception {
        DemoDirectory directory = DemoDirectory.create();
        SuiteLayout layout = new SuiteLayout(directory.dir());
        Suite suite = new Suite(SuitePorts.free());
        // TERM or Ctrl-C at any step: the services stop and the directory with the admin key and KEK goes
        Thread shutdown = new Thread(() -> {
            if (!finished) {
                signalled = true;
                out().println("\narca demo: stopping the services and removing " + directory.dir());
                suite.close();
                directory.remove();
            }
        }, "arca-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        long started = System.nanoTime();
        try {
            AdminKeys admin = provisionAdminCredential(layout);
            say("start", "rvps-service, attestation-service and kbs-service in " + directory.dir());
            suite.launch(ServiceJars.fromEnvironment(), layout, SuiteOptions.split(javaOptions), Map.of(),
                    new UpCommand.Progress(out()), Suite.START_TIMEOUT);
            String secret = run(suite, admin);
            out().println();
            out().println("secret: " + secret);
            out().printf("arca demo: done in %.1f s; stopping the services and removing %s%n",
                    (System.nanoTime() - started) / 1e9, directory.dir());
            suite.close();
            directory.remove();
            return 0;
        } catch (Exception e) {
            if (signalled) {
                return LaunchFailure.FAILURE; // TERM or Ctrl-C: the shutdown hook stops and removes everything
            }
            suite.close();
            directory.removeAllButLogs();
            String logs = Files.isDirectory(directory.logs())
                    ? "; the services' logs stay in " + directory.logs() + " (remove " + directory.dir() + " when done)"
                    : "";
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            throw LaunchFailure.failure("demo step '" + step + "' failed: " + reason + logs,
                    e instanceof LaunchFailure failure ? failure.detail() : null);
        } finally {
            finished = true;
        }
    }

    private PrintStream out() {
        return arca.out();
    }

    private AdminKeys provisionAdminCredential(SuiteLayout layout) throws Exception {
        step = "admin credential";
        AdminKeyStore store = new AdminKeyStore(layout.dir());
        store.init();
        return store.load();
    }

    private String run(Suite suite, AdminKeys admin) throws Exception {
        KbsAdminClient kbsAdmin = new KbsAdminClient(URI.create(suite.url(ServiceKind.KBS)),
                () -> admin.signToken(Clock.systemUTC()));

        say("reference values", "register the sample TEE's svn, launch_digest, major_version and"
                + " minimum_minor_version (KBS admin API → RVPS)");
        kbsAdmin.postJson("/kbs/v0/reference-value", Map.of("version", "0.1.0", "type", "sample",
                "payload", Base64s.std(REFERENCE_VALUES.getBytes(StandardCharsets.UTF_8))));

        String secret = "arca-demo-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
        say("secret", "store " + RESOURCE + " (encrypted at rest in the KBS)");
        kbsAdmin.post("/kbs/v0/resource/" + RESOURCE, "application/octet-stream",
                secret.getBytes(StandardCharsets.UTF_8));

        say("policy", "resource policy: " + POLICY);
        kbsAdmin.postJson("/kbs/v0/resource-policy",
                Map.of("policy", Base64s.url(POLICY.getBytes(StandardCharsets.UTF_8))));

        say("guest", "attestation agent with the sample attester fetches kbs:///" + RESOURCE);
        KbsClient guest = KbsClient.builder(URI.create(suite.url(ServiceKind.KBS)), new SampleAttester())
                .listener(new StepPrinter())
                .build();
        step = "guest";
        return new String(guest.getResource(ResourceUri.parse("kbs:///" + RESOURCE)), StandardCharsets.UTF_8);
    }

    private void say(String name, String what) {
        step = name;
        out().printf("[%s] %s%n", name, what);
    }

    /** Shows the three protocol steps as the guest takes them. */
    private final class StepPrinter implements KbsClientListener {

        @Override
        public void authenticated(String nonce) {
            step = "auth";
            out().println("  auth     POST /kbs/v0/auth → nonce " + nonce);
        }

        @Override
        public void attested(String token, String earStatus) {
            step = "resource";
            out().println("  attest   POST /kbs/v0/attest → EAR token (" + token.length()
                    + " chars), submods.cpu0 ear.status = " + earStatus);
        }

        @Override
        public void resourceReceived(int length) {
            out().println("  resource GET /kbs/v0/resource/" + RESOURCE + " → JWE, decrypted to " + length
                    + " bytes with the guest's TEE key");
        }
    }
}
