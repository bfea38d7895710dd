package dev.arca.agent.attester.tpm;

import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.MeasurementRegister;
import dev.arca.model.json.HashAlgorithm;

/**
 * The SHA-256 PCR bank of a TPM or vTPM as the runtime-measurement register (guest-components Azure vTPM attesters;
 * guest-components TPM attester): the PCR index is used as is (no CC-MR mapping) and is also the index recorded in the
 * event log.
 */
public final class TpmPcrRegister implements MeasurementRegister {

    private final Tpm tpm;
    private final String description;

    public TpmPcrRegister(Tpm tpm, String description) {
        this.tpm = tpm;
        this.description = description;
    }

    @Override
    public HashAlgorithm algorithm() {
        return HashAlgorithm.SHA256;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int eventLogIndex(int pcr) throws AttesterException {
        Tpm.checkPcr(pcr);
        return pcr;
    }

    @Override
    public byte[] read(int pcr) throws AttesterException {
        return tpm.pcrRead(Tpm2.ALG_SHA256, new int[] {pcr}).getFirst();
    }

    @Override
    public void extend(int pcr, byte[] digest) throws AttesterException {
        if (digest.length != 32) {
            throw new AttesterException("a SHA-256 PCR is extended with a 32-byte digest, got " + digest.length);
        }
        tpm.pcrExtend(pcr, Tpm2.ALG_SHA256, digest);
    }

    /**
     * Init-data binding by extending PCR 8 (Trustee initdata.md): only a SHA-256 digest fits, so init-data for a TPM
     * must name {@code algorithm = "sha256"}. The verifier expects PCR 8 = SHA-256(0³² ‖ digest).
     */
    public static void extendInitData(Tpm tpm, byte[] digest) throws AttesterException {
        if (digest.length != 32) {
            throw new AttesterException("init-data for a TPM must use algorithm sha256 (a " + digest.length
                    + "-byte digest cannot be extended into a SHA-256 PCR)");
        }
        tpm.pcrExtend(8, Tpm2.ALG_SHA256, digest);
    }
}
