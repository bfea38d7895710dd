package dev.arca.dcap.verify;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.Certificates;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.trust.ChainVerifier;
import dev.arca.dcap.trust.IntelRootCa;
import dev.arca.dcap.trust.P256PublicKey;
import dev.arca.dcap.trust.ValidityWindow;
import dev.arca.model.json.Hex;
import java.time.Instant;
import java.util.List;

/**
 * Verifies a quote's PCK chain (leaf → Platform/Processor CA → a pinned root, Intel's in production) and
 * that every certificate is valid at the verification instant.
 *
 * <p>What does not depend on the instant — parsing the PEM, the SGX extensions, the chain's names, CA flags and
 * signatures, the leaf's decoded key — is done once per chain and remembered, keyed by the chain's exact PEM bytes
 * (compared in full, so no other chain can be served the result), bounded and least recently used first out. Only
 * chains that verified are remembered. The validity windows are checked against every instant, so a remembered chain
 * whose certificate has expired by then is still refused. Revocation is not part of this: it depends on the CRLs and
 * is checked against the collateral for every quote.
 */
public final class PckChainVerifier {

    /** An entry holds three parsed certificates and the leaf key's Bouncy Castle tables (about 8 KB once in use). */
    static final int MAX_ENTRIES = 1024;
    private static final List<String> NAMES = List.of("PCK leaf certificate", "PCK CA certificate",
            "the PCK chain's root certificate");

    private final ChainVerifier chains;
    private final LruCache<ByteKey, VerifiedPckChain> verified = new LruCache<>(MAX_ENTRIES);

    public PckChainVerifier(IntelRootCa root) {
        this.chains = new ChainVerifier(root);
    }

    /**
     * @param pem the quote's type-5 certification data: PEM leaf, intermediate and root
     * @param at  the verification instant
     */
    VerifiedPckChain verify(byte[] pem, Instant at) throws DcapVerificationException {
        ByteKey key = ByteKey.lookup(pem);
        VerifiedPckChain chain = verified.get(key);
        if (chain == null) {
            chain = verifyAnew(pem);
            verified.put(key.stored(), chain);
        }
        chain.requireValidAt(at);
        return chain;
    }

    /** How many verified chains are remembered. */
    int size() {
        return verified.size();
    }

    private VerifiedPckChain verifyAnew(byte[] pem) throws DcapVerificationException {
        PckCertChain chain = PckCertChain.parse(pem);
        List<ValidityWindow> windows = chains.verify(List.of(chain.leaf(), chain.intermediate(), chain.root()), NAMES,
                Reason.PCK_CHAIN);
        P256PublicKey leafKey;
        try {
            leafKey = P256PublicKey.decode(Certificates.publicKeyPoint(chain.leaf()));
        } catch (IllegalArgumentException e) {
            leafKey = null;
        }
        return new VerifiedPckChain(chain, windows, leafKey, Hex.of(IntelRootCa.rootKeyId(chain.root())));
    }
}
