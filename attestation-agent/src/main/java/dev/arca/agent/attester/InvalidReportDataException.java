package dev.arca.agent.attester;

/**
 * The report data does not fit the TEE's field (e.g. more than 64 bytes for TDX, SNP, SGX): the caller's mistake,
 * not the TEE's, so the REST API answers it with 400.
 */
public class InvalidReportDataException extends AttesterException {

    public InvalidReportDataException(String message) {
        super(message);
    }

    /** "<tee> report data is at most <max> bytes, got <length>". */
    public static void requireAtMost(String tee, byte[] reportData, int max) throws InvalidReportDataException {
        if (reportData.length > max) {
            throw new InvalidReportDataException(tee + " report data is at most " + max + " bytes, got "
                    + reportData.length);
        }
    }
}
