package dev.arca.dcap.collateral;

import java.time.Instant;
import java.util.List;

/**
 * An enclave identity (QE Identity v2; Intel PCS API v4): {@code id} is {@code QE} for SGX quotes and
 * {@code TD_QE} for TDX quotes. Hex fields are decoded; miscselect and its mask are kept as the u32 the JSON's
 * big-endian hex denotes.
 */
public record QeIdentity(String id, int version, Instant issueDate, Instant nextUpdate, int tcbEvaluationDataNumber,
        long miscselect, long miscselectMask, byte[] attributes, byte[] attributesMask, byte[] mrSigner,
        int isvProdId, List<IdentityTcbLevel> tcbLevels) {

    public static final String QE = "QE";
    public static final String TD_QE = "TD_QE";

    public QeIdentity {
        tcbLevels = List.copyOf(tcbLevels);
    }
}
