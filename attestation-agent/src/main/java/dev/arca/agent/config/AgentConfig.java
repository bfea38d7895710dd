package dev.arca.agent.config;

/**
 * The agent's configuration file (guest-components attestation-agent README), as read: upstream's keys plus an {@code
 * [arca]} table of this agent's own settings, which upstream ignores. Absent keys are null here and get their defaults
 * where the configuration is resolved together with options and environment ({@code AgentSettings}).
 *
 * <pre>
 * [token_configs.kbs]       url, cert (PEM text), tee_key_algorithm
 * [token_configs.coco_as]   url
 * [eventlog_config]         init_pcr (17), enable_eventlog (false)
 * [arca]                    tee, kbs_protocol, resource_auth, token_refresh_margin_seconds, kbs_cert_file,
 *                           init_data_file, sysfs_root, dev_root, run_root, eventlog_path, azure_imds_url
 * [arca.api]                bind ("127.0.0.1:8006"), allow_remote (false), features ("all"),
 *                           max_concurrent_requests (16)
 * </pre>
 */
public record AgentConfig(
        String kbsUrl,
        String kbsCertPem,
        String teeKeyAlgorithm,
        String cocoAsUrl,
        Integer initPcr,
        Boolean eventLogEnabled,
        String tee,
        String kbsProtocol,
        String resourceAuth,
        Integer tokenRefreshMarginSeconds,
        String kbsCertFile,
        String initDataFile,
        String sysfsRoot,
        String devRoot,
        String runRoot,
        String eventLogPath,
        String azureImdsUrl,
        String apiBind,
        Boolean apiAllowRemote,
        String apiFeatures,
        Integer apiMaxConcurrentRequests) {

    /** No file: everything from options, environment and defaults. */
    public static final AgentConfig EMPTY = new AgentConfig(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null);
}
