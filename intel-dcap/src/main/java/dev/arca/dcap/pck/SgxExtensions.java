package dev.arca.dcap.pck;

import java.util.Optional;

/**
 * The PCK leaf's SGX extensions (OID 1.2.840.113741.1.13.1; Intel SGX PCK Certificate and CRL Profile): PPID (.1),
 * TCB (.2), PCE-ID (.3), FMSPC (.4), SGX type (.5), and for Platform-CA certificates PlatformInstanceID (.6) and
 * Configuration (.7). Arrays are owned by the record.
 *
 * <p>{@code platformInstanceId} holds the raw DER octets as in the certificate. Claims render it byte-reversed, as
 * trustee does (Trustee tdx verifier), so upstream policies keep working.
 *
 * @param sgxType 0 Standard, 1 Scalable, 2 Scalable with Integrity
 */
public record SgxExtensions(byte[] ppid, PckTcb tcb, byte[] pceId, byte[] fmspc, int sgxType,
        byte[] platformInstanceId, PlatformConfiguration configuration) {

    /** The Configuration sub-extension (.7): dynamicPlatform (.7.1), cachedKeys (.7.2), SMTEnabled (.7.3). */
    public record PlatformConfiguration(boolean dynamicPlatform, boolean cachedKeys, boolean smtEnabled) {
    }

    public Optional<byte[]> platformInstanceIdBytes() {
        return Optional.ofNullable(platformInstanceId);
    }

    public Optional<PlatformConfiguration> platformConfiguration() {
        return Optional.ofNullable(configuration);
    }
}
