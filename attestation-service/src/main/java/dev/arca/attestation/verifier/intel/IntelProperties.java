package dev.arca.attestation.verifier.intel;

import dev.arca.dcap.CrlPolicy;
import dev.arca.dcap.trust.IntelRootCa;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the {@code tdx} and {@code sgx} verifiers (docs/verifiers/intel.md "Configuration"). Timeouts and
 * cache timing are the collateral framework's ({@code arca.as.collateral.*}).
 *
 * @param pcsUrl            Intel's PCS or a PCCS; only scheme, host and port are used, the v4 paths are rebuilt from
 *                          {@code /} as upstream does (Trustee tdx verifier)
 * @param update            {@code early} or {@code standard} TCB Info and QE Identity
 * @param crlPolicy         {@code require} (default: a quote is refused without both the PCK CRL and the Root CA CRL)
 *                          or {@code check-if-present} (archived collateral without time-matched CRLs; not for
 *                          production)
 * @param refreshAfter      a platform's collateral is fetched again after this long even when its nextUpdate is
 *                          later: Intel publishes a TCB recovery before the previous documents' nextUpdate (a PCCS
 *                          refreshes daily by default; upstream caches PCS answers up to 7 days)
 * @param trustedRootSha256 SHA-256 fingerprints (hex of the DER) of the roots trusted at the end of PCK chains and
 *                          collateral issuer chains; default Intel's SGX Root CA. The root certificate itself comes
 *                          with the evidence and the collateral; none is configured or shipped
 */
@ConfigurationProperties("arca.as.intel")
@Validated
public record IntelProperties(
        @DefaultValue("https://api.trustedservices.intel.com/sgx/certification/v4/") @NotNull URI pcsUrl,
        @DefaultValue("early") @NotNull TcbUpdate update,
        @DefaultValue("require") @NotNull CrlPolicy crlPolicy,
        @DefaultValue("24h") @DurationMin(minutes = 1) Duration refreshAfter,
        @DefaultValue(IntelRootCa.INTEL_SGX_ROOT_CA_SHA256) @NotEmpty Set<String> trustedRootSha256) {

    /** The pinned roots of PCK chains and collateral issuer chains. */
    public IntelRootCa trustedRoot() {
        return IntelRootCa.pinnedTo(trustedRootSha256);
    }
}
