package dev.arca.agent.cli;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterDetection;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.config.AgentConfig;
import dev.arca.agent.config.AgentConfigReader;
import dev.arca.agent.config.AgentSettings;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.KbsClientListener;
import dev.arca.agent.kbs.TeeKeyAlgorithm;
import dev.arca.agent.service.AgentFactory;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.tee.Tee;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Options shared by the commands: the configuration file and the settings a command line may override
 * (guest-components attestation-agent README). An option wins over the file, the file over the environment, the
 * environment over defaults.
 */
final class AgentOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (TOML, or JSON by extension).")
    Path config;

    @Option(names = "--kbs", paramLabel = "URL", converter = KbsUrlConverter.class,
            description = "KBS base URL (default: config, AA_KBC_PARAMS, else http://127.0.0.1:8080).")
    String kbsUrl;

    @Option(names = "--kbs-cert", paramLabel = "PEM",
            description = "Trust only this KBS certificate or CA (PEM file) for HTTPS.")
    Path kbsCert;

    @Option(names = "--key", paramLabel = "p256|p521|rsa|rsa1_5", converter = KeyAlgorithmConverter.class,
            description = "TEE key type the KBS encrypts to (default p256; rsa1_5 with protocol 0.1.1).")
    String keyAlgorithm;

    @Option(names = "--protocol", paramLabel = "VERSION", converter = ProtocolConverter.class,
            description = "KBS protocol version: 0.1.1, 0.2.0, 0.3.0 or 0.4.0 (default).")
    String protocol;

    @Option(names = "--bearer",
            description = "Fetch resources with the token as Authorization: Bearer (passport mode).")
    boolean bearer;

    @Option(names = "--token-margin", paramLabel = "SECONDS",
            description = "Renew a token this long before it expires (default 30).")
    Integer tokenMargin;

    @Option(names = "--tee", paramLabel = "TEE", converter = TeeConverter.class,
            description = "Attest as this TEE instead of detecting: tdx, sgx, az-tdx-vtpm, az-snp-vtpm, snp, tpm,"
                    + " sample.")
    String tee;

    @Option(names = "--init-data", paramLabel = "FILE", description = "Init-data TOML file (sent with the evidence).")
    Path initData;

    @Option(names = "--verbose", description = "Show what the agent does on stderr.")
    boolean verbose;

    @Option(names = "--json", description = "Print JSON instead of plain output.")
    boolean json;

    /** Set by the commands that have these options; null elsewhere. */
    String cocoAsUrl;
    String apiBind;
    Boolean apiAllowRemote;
    String apiFeatures;
    Boolean eventLogEnabled;

    AgentSettings settings(AgentCli cli) throws ConfigException {
        AgentConfig file = config == null ? AgentConfig.EMPTY : AgentConfigReader.read(config);
        AgentSettings.Overrides overrides = new AgentSettings.Overrides(kbsUrl, kbsCert, keyAlgorithm, protocol,
                bearer ? "bearer" : null, tokenMargin, cocoAsUrl, tee, initData, eventLogEnabled, apiBind,
                apiAllowRemote, apiFeatures);
        return AgentSettings.resolve(overrides, file, cli.environment());
    }

    AgentFactory factory(AgentCli cli) throws ConfigException {
        return new AgentFactory(settings(cli), cli.environment(), cli.files());
    }

    /** The primary attester, with the --verbose report of what was detected. */
    Attester primary(AgentFactory factory, PrintStream err) throws AttesterException {
        Attester primary = factory.primary();
        if (verbose) {
            List<Attester> devices = factory.devices();
            err.println("tee: " + primary.tee() + (factory.settings().configuredTee().isPresent() ? " (configured)"
                    : " (detected)") + (devices.isEmpty() ? "" : " + " + devices.stream()
                    .map(d -> d.tee().wireName()).collect(Collectors.joining(", "))));
        }
        if (verbose && primary.tee() == Tee.SAMPLE && factory.settings().configuredTee().isEmpty()) {
            err.println("warning: no TEE detected, using the sample attester (its evidence proves nothing)");
        }
        return primary;
    }

    /** A KBS client for the configured KBS, with --verbose step output. */
    KbsClient.Builder kbsClient(AgentFactory factory, Attester primary, PrintStream err) throws ConfigException {
        AgentSettings settings = factory.settings();
        if (verbose) {
            err.println("kbs: " + settings.kbsUrl() + ", protocol " + settings.protocol() + ", key "
                    + settings.keyAlgorithm().configName() + ", "
                    + settings.resourceAuth().name().toLowerCase(Locale.ROOT) + " mode"
                    + (settings.kbsCertPem() != null ? ", pinned certificate" : ""));
        }
        KbsClientListener listener = verbose ? new StepPrinter(err) : KbsClientListener.NONE;
        KbsClient.Builder builder = factory.kbsClient(primary, factory.devices(), factory.initData(), listener);
        try {
            builder.validate();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        return builder;
    }

    static final class KbsUrlConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                URI uri = new URI(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                        && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                    return value;
                }
            } catch (URISyntaxException invalid) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not an http(s)://host[:port] URL");
        }
    }

    static final class KeyAlgorithmConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return TeeKeyAlgorithm.fromName(value).map(TeeKeyAlgorithm::cliName)
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of "
                            + Arrays.stream(TeeKeyAlgorithm.values()).map(TeeKeyAlgorithm::cliName)
                            .collect(Collectors.joining(", "))));
        }
    }

    static final class ProtocolConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return ProtocolVersion.fromVersion(value).filter(p -> p != ProtocolVersion.V0_1_0)
                    .map(ProtocolVersion::version)
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of "
                            + Arrays.stream(ProtocolVersion.values()).filter(p -> p != ProtocolVersion.V0_1_0)
                            .map(ProtocolVersion::version).collect(Collectors.joining(", "))));
        }
    }

    static final class TeeConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return Tee.fromWire(value).filter(AttesterDetection.PRIMARY_TEES::contains).map(Tee::wireName)
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of "
                            + AttesterDetection.PRIMARY_TEES.stream().map(Tee::wireName)
                            .collect(Collectors.joining(", "))));
        }
    }
}
