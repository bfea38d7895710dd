package dev.arca.dcap.verify;

import dev.arca.dcap.collateral.IdentityTcbLevel;

/**
 * The QE's standing against its QE Identity (Intel QVL EnclaveReportVerifier 4.1.2.9.9–10): the first level whose
 * isvsvn ≤ the QE's ISVSVN gives UpToDate, Revoked, or otherwise OutOfDate; no such level is "not supported".
 *
 * @param level the matched level, {@code null} when none matches
 */
record QeTcb(Outcome outcome, IdentityTcbLevel level) {

    enum Outcome { UP_TO_DATE, OUT_OF_DATE, REVOKED, NOT_SUPPORTED }
}
