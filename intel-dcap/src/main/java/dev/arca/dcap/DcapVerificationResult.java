package dev.arca.dcap;

import dev.arca.dcap.collateral.TcbStatus;
import dev.arca.dcap.quote.TeeType;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * An accepted quote: its claims (upstream's names and encodings, Trustee tdx and sgx verifiers), the converged TCB
 * status, the advisory ids and the TCB date. A status other than UpToDate is still an accepted quote, as upstream:
 * the attestation policy decides what it is worth.
 */
public record DcapVerificationResult(TeeType tee, ObjectNode claims, TcbStatus tcbStatus, List<String> advisoryIds,
        Instant tcbDate) {

    public DcapVerificationResult {
        advisoryIds = List.copyOf(advisoryIds);
    }
}
