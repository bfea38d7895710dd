package dev.arca.agent.config;

import dev.arca.agent.attester.AttesterDetection;
import dev.arca.agent.attester.azure.AzureImds;
import dev.arca.agent.kbs.ResourceAuth;
import dev.arca.agent.kbs.TeeKeyAlgorithm;
import dev.arca.agent.measurement.RuntimeMeasurement;
import dev.arca.agent.platform.HostPaths;
import dev.arca.model.kbs.ProtocolVersion;
import dev.arca.model.tee.Tee;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's settings after resolution: a command-line option wins over the configuration file, which wins over
 * the environment (upstream's {@code AA_KBC_PARAMS}, {@code AAEL_PATH}) and system properties, which win over the
 * defaults.
 *
 * @param kbsUrl             KBS base URL (default {@code http://127.0.0.1:8080})
 * @param kbsCertPem         pinned KBS certificate or CA, PEM text; null: the JDK's default trust
 * @param keyAlgorithm       TEE key type (default P-256; RSA1_5 for protocol 0.1.1)
 * @param protocol           KBS protocol version (default 0.4.0)
 * @param resourceAuth       cookie or bearer resource requests (default cookie)
 * @param tokenRefreshMargin renew a token this long before it expires (default 30 s)
 * @param cocoAsUrl          attestation service for {@code coco_as} tokens; null: none
 * @param tee                the primary TEE; null: detect
 * @param initDataFile       init-data TOML; null: none
 * @param eventLogEnabled    record runtime measurements (default false, as upstream)
 * @param initPcr            default register for runtime measurements (17)
 * @param eventLogPath       the AAEL file (default {@code <run>/attestation-agent/eventlog})
 * @param hostPaths          where the kernel interfaces are
 * @param azureImdsUrl       Azure IMDS base URL
 * @param api                the REST API
 */
public record AgentSettings(URI kbsUrl, String kbsCertPem, TeeKeyAlgorithm keyAlgorithm, ProtocolVersion protocol,
        ResourceAuth resourceAuth, Duration tokenRefreshMargin, URI cocoAsUrl, Tee tee, Path initDataFile,
        boolean eventLogEnabled, int initPcr, Path eventLogPath, HostPaths hostPaths, URI azureImdsUrl,
        ApiSettings api) {

    public static final URI DEFAULT_KBS_URL = URI.create("http://127.0.0.1:8080");
    public static final String AA_KBC_PARAMS = "AA_KBC_PARAMS";
    public static final String AAEL_PATH = "AAEL_PATH";

    public Optional<Tee> configuredTee() {
        return Optional.ofNullable(tee);
    }

    /**
     * Options given on the command line; null means "not given".
     */
    public record Overrides(String kbsUrl, Path kbsCertFile, String keyAlgorithm, String protocol,
            String resourceAuth, Integer tokenRefreshMarginSeconds, String cocoAsUrl, String tee, Path initDataFile,
            Boolean eventLogEnabled, String apiBind, Boolean apiAllowRemote, String apiFeatures) {

        public static final Overrides NONE = new Overrides(null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    public static AgentSettings resolve(Overrides cli, AgentConfig file, Map<String, String> env)
            throws ConfigException {
        URI kbsUrl = kbsUrl(first(cli.kbsUrl(), file.kbsUrl(), kbcParamsUrl(env.get(AA_KBC_PARAMS))));
        String certPem = certificate(cli.kbsCertFile(), file.kbsCertPem(), file.kbsCertFile());
        ProtocolVersion protocol = ProtocolVersion.fromVersion(first(cli.protocol(), file.kbsProtocol(), "0.4.0"))
                .orElseThrow(() -> new ConfigException("KBS protocol '" + first(cli.protocol(), file.kbsProtocol())
                        + "' is not one of 0.1.1, 0.2.0, 0.3.0, 0.4.0"));
        String keyName = first(cli.keyAlgorithm(), file.teeKeyAlgorithm());
        TeeKeyAlgorithm key = keyName == null
                ? (protocol.legacyJwe() ? TeeKeyAlgorithm.RSA1_5 : TeeKeyAlgorithm.P256)
                : TeeKeyAlgorithm.fromName(keyName).orElseThrow(() -> new ConfigException("TEE key algorithm '"
                        + keyName + "' is not one of p256, p521, rsa, rsa1_5 (or the upstream names)"));
        String authName = first(cli.resourceAuth(), file.resourceAuth(), "cookie");
        ResourceAuth auth = switch (authName.toLowerCase(Locale.ROOT)) {
            case "cookie" -> ResourceAuth.COOKIE;
            case "bearer" -> ResourceAuth.BEARER;
            default -> throw new ConfigException("resource auth '" + authName + "' is not cookie or bearer");
        };
        int margin = first(cli.tokenRefreshMarginSeconds(), file.tokenRefreshMarginSeconds(), 30);
        if (margin < 0) {
            throw new ConfigException("token refresh margin must not be negative");
        }
        String cocoAs = first(cli.cocoAsUrl(), file.cocoAsUrl());
        Tee tee = tee(first(cli.tee(), file.tee()));
        Path initData = cli.initDataFile() != null ? cli.initDataFile()
                : file.initDataFile() == null ? null : Path.of(file.initDataFile());
        int initPcr = first(file.initPcr(), RuntimeMeasurement.DEFAULT_INIT_PCR);
        if (initPcr < 0 || initPcr > 23) {
            throw new ConfigException("eventlog_config.init_pcr " + initPcr + " is outside 0..23");
        }
        HostPaths defaults = HostPaths.fromSystemProperties();
        HostPaths paths = new HostPaths(path(file.sysfsRoot(), defaults.sys()), path(file.devRoot(), defaults.dev()),
                path(file.runRoot(), defaults.run()));
        Path eventLog = file.eventLogPath() != null ? Path.of(file.eventLogPath())
                : env.get(AAEL_PATH) != null ? Path.of(env.get(AAEL_PATH)) : paths.eventLog();
        URI imds = uri(first(file.azureImdsUrl(), System.getProperty(AzureImds.URL_PROPERTY),
                AzureImds.DEFAULT_URL.toString()), "Azure IMDS URL");
        ApiSettings api = new ApiSettings(ApiSettings.parseBind(first(cli.apiBind(), file.apiBind(),
                ApiSettings.DEFAULT_BIND)), first(cli.apiAllowRemote(), file.apiAllowRemote(), false),
                ApiSettings.Features.parse(first(cli.apiFeatures(), file.apiFeatures(), "all")),
                first(file.apiMaxConcurrentRequests(), 16));
        return new AgentSettings(kbsUrl, certPem, key, protocol, auth, Duration.ofSeconds(margin),
                cocoAs == null ? null : uri(cocoAs, "coco_as URL"), tee, initData,
                first(cli.eventLogEnabled(), file.eventLogEnabled(), false), initPcr, eventLog, paths, imds, api);
    }

    /** {@code cc_kbc::<url>} (guest-components attestation-agent README): only the cc_kbc KBC names a KBS. */
    static String kbcParamsUrl(String params) throws ConfigException {
        if (params == null || params.isBlank()) {
            return null;
        }
        String[] parts = params.split("::", -1);
        if (parts.length != 2) {
            throw new ConfigException(AA_KBC_PARAMS + " must be <kbc>::<url>");
        }
        return "cc_kbc".equals(parts[0]) ? parts[1] : null;
    }

    private static URI kbsUrl(String text) throws ConfigException {
        if (text == null) {
            return DEFAULT_KBS_URL;
        }
        URI uri = uri(text, "KBS URL");
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException("KBS URL '" + text + "' is not an http(s)://host[:port] URL");
        }
        return uri;
    }

    private static String certificate(Path cliFile, String pem, String file) throws ConfigException {
        Path path = cliFile != null ? cliFile : file != null ? Path.of(file) : null;
        if (path != null) {
            try {
                return Files.readString(path, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new ConfigException("cannot read the KBS certificate file " + path + ": "
                        + e.getClass().getSimpleName(), e);
            }
        }
        return pem;
    }

    private static Tee tee(String name) throws ConfigException {
        if (name == null) {
            return null;
        }
        Tee tee = Tee.fromWire(name).orElseThrow(() -> new ConfigException("TEE '" + name + "' is unknown"));
        if (!AttesterDetection.PRIMARY_TEES.contains(tee)) {
            throw new ConfigException("this agent cannot attest as '" + name + "'; supported: "
                    + AttesterDetection.PRIMARY_TEES.stream().map(Tee::wireName).toList());
        }
        return tee;
    }

    private static URI uri(String text, String what) throws ConfigException {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new ConfigException(what + " '" + text + "' is not an absolute URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(what + " '" + text + "' is not a URL");
        }
    }

    private static Path path(String configured, Path fallback) {
        return configured == null ? fallback : Path.of(configured);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
