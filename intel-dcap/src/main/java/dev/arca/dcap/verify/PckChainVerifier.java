package dev.arca.dcap.verify;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.trust.ChainVerifier;
import dev.arca.dcap.trust.EcdsaP256;
import dev.arca.dcap.trust.IntelRootCa;
import dev.arca.dcap.trust.ValidityWindow;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies a quote's PCK chain (leaf → Platform/Processor CA → pinned Intel SGX Root CA) and that every certificate
 * is valid at the verification instant. Verified chains are remembered by the SHA-256 of their PEM (bounded, least
 * recently used first out), so repeated quotes from one platform cost no certificate signature checks.
 */
public final class PckChainVerifier {

    private static final int MAX_ENTRIES = 4096;
    private static final List<String> NAMES = List.of("PCK leaf certificate", "PCK CA certificate",
            IntelRootCa.COMMON_NAME);

    private final ChainVerifier chains;
    private final Map<String, List<ValidityWindow>> verified = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ValidityWindow>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public PckChainVerifier(IntelRootCa root) {
        this.chains = new ChainVerifier(root);
    }

    public void verify(PckCertChain chain, Instant at) throws DcapVerificationException {
        String key = HexFormat.of().formatHex(EcdsaP256.sha256(chain.pem()));
        List<ValidityWindow> windows;
        synchronized (verified) {
            windows = verified.get(key);
        }
        if (windows == null) {
            windows = chains.verify(List.of(chain.leaf(), chain.intermediate(), chain.root()), NAMES,
                    Reason.PCK_CHAIN);
            synchronized (verified) {
                verified.put(key, windows);
            }
        }
        for (ValidityWindow window : windows) {
            window.require(at, Reason.PCK_CHAIN, Reason.PCK_CHAIN);
        }
    }
}
