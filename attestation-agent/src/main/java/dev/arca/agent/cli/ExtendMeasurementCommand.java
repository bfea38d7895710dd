package dev.arca.agent.cli;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.config.AgentSettings;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.measurement.MeasurementException;
import dev.arca.agent.measurement.RuntimeMeasurement;
import dev.arca.agent.service.AgentFactory;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code extend-measurement}: upstream's {@code ExtendRuntimeMeasurement} (Trustee confidential-containers-eventlog.md)
 * as a one-shot command — appends an AAEL event and extends the TEE register, sharing the event log with a running
 * {@code serve}.
 */
@Command(name = "extend-measurement", mixinStandardHelpOptions = true,
        description = "Record a runtime measurement event (AAEL) and extend the TEE register.")
final class ExtendMeasurementCommand implements Callable<Integer> {

    @ParentCommand
    private AgentCli cli;

    @Mixin
    private AgentOptions options;

    @Option(names = {"-d", "--domain"}, required = true, description = "Event domain, e.g. a URI.")
    private String domain;

    @Option(names = {"-o", "--operation"}, required = true, description = "Event operation.")
    private String operation;

    @Option(names = "--content", required = true, description = "Event content (one line).")
    private String content;

    @Option(names = {"-p", "--pcr"}, paramLabel = "INDEX", description = "PCR index (default: init_pcr, 17).")
    private Integer pcr;

    @Option(names = "--enable-eventlog", description = "Enable the event log for this call (else: configuration).")
    private boolean enableEventlog;

    @Override
    public Integer call() {
        options.eventLogEnabled = enableEventlog ? Boolean.TRUE : null;
        RuntimeMeasurement.Result result;
        try {
            AgentFactory factory = options.factory(cli);
            AgentSettings settings = factory.settings();
            Attester primary = options.primary(factory, cli.err());
            RuntimeMeasurement measurement = RuntimeMeasurement.open(primary, settings.eventLogEnabled(),
                    settings.initPcr(), settings.eventLogPath());
            result = measurement.extend(domain, operation, content, Optional.ofNullable(pcr));
        } catch (ConfigException e) {
            return cli.fail(e);
        } catch (AttesterException e) {
            return cli.fail("attester", e);
        } catch (MeasurementException e) {
            if (e.badRequest()) {
                cli.err().println("error: " + e.getMessage());
                return AgentCli.USAGE;
            }
            return cli.fail("runtime measurement", e);
        }
        switch (result) {
            case OK -> cli.out().println("Extended.");
            case NOT_SUPPORTED -> cli.out().println("The platform does not support runtime measurement.");
            case NOT_ENABLED -> cli.out().println("The event log is not enabled (eventlog_config.enable_eventlog).");
        }
        cli.out().flush();
        return result == RuntimeMeasurement.Result.OK ? 0 : AgentCli.FAILURE;
    }
}
