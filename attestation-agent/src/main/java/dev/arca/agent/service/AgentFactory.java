package dev.arca.agent.service;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterDetection;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.attester.azure.AzureImds;
import dev.arca.agent.cocoas.CocoAsTokenClient;
import dev.arca.agent.config.AgentSettings;
import dev.arca.agent.config.ConfigException;
import dev.arca.agent.initdata.InitDataBinder;
import dev.arca.agent.initdata.InvalidInitDataException;
import dev.arca.agent.initdata.InitDataDocument;
import dev.arca.agent.kbs.KbsClient;
import dev.arca.agent.kbs.KbsClientListener;
import dev.arca.agent.kbs.KbsTls;
import dev.arca.agent.measurement.RuntimeMeasurement;
import dev.arca.agent.platform.HostFiles;
import dev.arca.agent.platform.Platform;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Puts the agent together from its settings: the platform view, the attesters (configured or detected), the KBS
 * client, the runtime-measurement log and the init-data. Nothing here talks to the network or the TEE except
 * detection and, when asked, init-data binding.
 */
public final class AgentFactory {

    private final AgentSettings settings;
    private final Platform platform;
    private final AttesterDetection detection;

    public AgentFactory(AgentSettings settings, Map<String, String> environment, HostFiles files) {
        this.settings = settings;
        this.platform = new Platform(files, settings.hostPaths(), environment);
        this.detection = new AttesterDetection(platform, settings.eventLogPath(),
                new AzureImds(settings.azureImdsUrl()));
    }

    public AgentSettings settings() {
        return settings;
    }

    public Platform platform() {
        return platform;
    }

    public Attester primary() throws AttesterException {
        return detection.primary(settings.configuredTee());
    }

    public List<Attester> devices() {
        return detection.additionalDevices();
    }

    public InitDataDocument initData() throws ConfigException {
        if (settings.initDataFile() == null) {
            return null;
        }
        try {
            return InitDataDocument.read(settings.initDataFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read init-data file " + settings.initDataFile() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InvalidInitDataException e) {
            throw new ConfigException("init-data file " + settings.initDataFile() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A KBS client for {@code primary}: it carries the init-data text, uses the configured protocol, key type,
     * resource mode, refresh margin and pinned certificate.
     *
     * @throws ConfigException when the pinned certificate is unusable or the protocol cannot carry the setup
     */
    public KbsClient.Builder kbsClient(Attester primary, List<Attester> devices, InitDataDocument initData,
            KbsClientListener listener) throws ConfigException {
        KbsClient.Builder builder = KbsClient.builder(settings.kbsUrl(), primary)
                .additionalAttesters(devices)
                .keyAlgorithm(settings.keyAlgorithm())
                .protocol(settings.protocol())
                .resourceAuth(settings.resourceAuth())
                .tokenRefreshMargin(settings.tokenRefreshMargin())
                .listener(listener);
        if (initData != null) {
            builder.initData(initData.text());
        }
        if (settings.kbsCertPem() != null) {
            builder.sslContext(sslContext());
        }
        return builder;
    }

    private SSLContext sslContext() throws ConfigException {
        try {
            return KbsTls.trustingOnly(settings.kbsCertPem());
        } catch (GeneralSecurityException e) {
            throw new ConfigException("the pinned KBS certificate is unusable: " + e.getMessage(), e);
        }
    }

    /**
     * The whole service. With {@code bindInitData} the init-data digest is bound to the TEE now (as upstream's AA
     * does once at start; a one-shot command must not extend PCR 8 again each time it runs).
     */
    public AgentService service(KbsClientListener listener, boolean bindInitData)
            throws ConfigException, AttesterException {
        Attester primary = primary();
        List<Attester> devices = devices();
        InitDataDocument initData = initData();
        KbsClient.Builder kbs = kbsClient(primary, devices, initData, listener);
        try {
            kbs.validate(); // fails fast on a combination the protocol cannot carry; the client is made on first use
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        InitDataBinding binding = initData != null && bindInitData
                ? InitDataBinder.bind(primary, initData.digest()) : null;
        CocoAsTokenClient cocoAs = settings.cocoAsUrl() == null ? null
                : new CocoAsTokenClient(settings.cocoAsUrl(), Duration.ofSeconds(5), Duration.ofSeconds(50));
        RuntimeMeasurement measurement = RuntimeMeasurement.open(primary, settings.eventLogEnabled(),
                settings.initPcr(), settings.eventLogPath());
        return new AgentService(primary, devices, kbs::build, cocoAs, measurement, initData, binding);
    }
}
