package dev.arca.dcap.quote;

/**
 * The quote's signature data (SGX ECDSA Quote Library API "Quote Signature Data"; TDX QGL/QVL API Appendix A):
 * the ECDSA signature (raw r‖s) by the attestation key over header‖body, the attestation public key (raw X‖Y), the QE
 * report that binds that key, its signature by the PCK leaf, the QE authentication data, and the PCK certificate chain
 * (certification data type 5, PEM leaf‖intermediate‖root). Arrays are owned by the record.
 */
public record QuoteSignatureData(byte[] quoteSignature, byte[] attestationKey, SgxEnclaveReport qeReport,
        byte[] qeReportSignature, byte[] qeAuthData, byte[] pckCertChainPem) {
}
