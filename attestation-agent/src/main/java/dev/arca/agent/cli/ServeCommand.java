package dev.arca.agent.cli;

import dev.arca.agent.api.AgentApiServer;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.kbs.KbsClientListener;
import dev.arca.agent.service.AgentService;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code serve}: the workload REST API (guest-components api-server-rest) until the process is stopped. Init-data is
 * bound to the TEE first; a TEE that contradicts it, or cannot bind it, stops the agent here, as upstream's AA refuses
 * to start.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the REST API for workloads (loopback only unless allowed).")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private AgentCli cli;

    @Mixin
    private AgentOptions options;

    @Option(names = {"-b", "--bind"}, paramLabel = "HOST:PORT",
            description = "Listen address (default 127.0.0.1:8006).")
    private String bind;

    @Option(names = "--allow-remote", description = "Allow a non-loopback listen address and remote callers.")
    private boolean allowRemote;

    @Option(names = {"-f", "--features"}, paramLabel = "resource|attestation|all",
            description = "Route groups to serve (default all).")
    private String features;

    @Option(names = "--enable-eventlog", description = "Record runtime measurements (POST /aa/aael).")
    private boolean enableEventlog;

    @Option(names = "--coco-as", paramLabel = "URL", description = "Attestation service for coco_as tokens.")
    private String cocoAsUrl;

    @Override
    public Integer call() throws IOException {
        options.apiBind = bind;
        options.apiAllowRemote = allowRemote ? Boolean.TRUE : null;
        options.apiFeatures = features;
        options.eventLogEnabled = enableEventlog ? Boolean.TRUE : null;
        options.cocoAsUrl = cocoAsUrl;
        AgentService service;
        AgentApiServer server;
        try {
            var factory = options.factory(cli);
            service = factory.service(options.verbose ? new StepPrinter(cli.err()) : KbsClientListener.NONE, true);
            if (service.initDataBinding().isPresent()) {
                InitDataBinding binding = service.initDataBinding().get();
                cli.err().println("init-data: " + binding.label() + ": " + binding.detail());
                if (!binding.acceptable()) {
                    cli.err().println("error: init-data binding failed; not serving");
                    return AgentCli.FAILURE;
                }
            }
            server = AgentApiServer.start(service, factory.settings().api(),
                    options.verbose ? line -> cli.err().println("api: " + line) : line -> { });
        } catch (ConfigException e) {
            return cli.fail(e);
        } catch (AttesterException e) {
            return cli.fail("attester", e);
        }
        cli.err().println("serving http://" + server.address().getAddress().getHostAddress() + ":" + server.port()
                + " (tee " + service.tee() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // stopped from inside the JVM (e.g. the launcher): close now instead of at exit
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
        }
        return 0;
    }
}
