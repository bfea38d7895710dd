package dev.arca.snp.cert;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;

/**
 * A VCEK or VLEK certificate with its AMD extensions read (AMD pub. 57230 "VCEK certificate extensions" and the VLEK
 * specification; OIDs under 1.3.6.1.4.1.3704.1). Parsing does not make it trusted: {@link ChainVerifier} does.
 *
 * @param kind          VCEK or VLEK, from the subject common name (SEV-VCEK / SEV-VLEK)
 * @param productName   the productName extension as written ("Milan-B0", "Genoa", "Turin")
 * @param generation    the generation productName names
 * @param structVersion the structVersion extension
 * @param certifiedTcb  the SPL extensions (blSPL, teeSPL, snpSPL, ucodeSPL, and fmcSPL on Turin)
 * @param hwId          the hwID extension (64 bytes, 8 on Turin); empty for a VLEK
 * @param cspId         the csp_id extension of a VLEK (the cloud provider it was issued to)
 * @param publicKey     the certified P-384 key, decoded once
 */
public record EndorsementKey(X509Certificate certificate, byte[] der, SigningKey kind, String productName,
        ProcessorGeneration generation, int structVersion, TcbVersion certifiedTcb, byte[] hwId,
        Optional<String> cspId, P384PublicKey publicKey) {

    @Override
    public boolean equals(Object other) {
        return other instanceof EndorsementKey that && Arrays.equals(der, that.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return kind + "[" + productName + ", " + certifiedTcb + "]";
    }
}
