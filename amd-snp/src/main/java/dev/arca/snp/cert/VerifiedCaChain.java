package dev.arca.snp.cert;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.report.SigningKey;
import java.security.cert.X509Certificate;

/**
 * An AMD CA chain whose signatures and names were checked ({@link ChainVerifier#verifyCa}): the pinned ARK of a
 * generation and the intermediate it signed for one kind of endorsement key: the ASK (SEV-{product}) for VCEKs, the
 * ASVK (SEV-VLEK-{product}) for VLEKs. Validity periods are checked per verification instant, not here.
 */
public record VerifiedCaChain(ProcessorGeneration generation, SigningKey kind, X509Certificate intermediate,
        X509Certificate ark) {

    /** ASK or ASVK, for messages. */
    public String intermediateName() {
        return kind == SigningKey.VCEK ? "ASK" : "ASVK";
    }
}
