package dev.arca.agent.attester.tpm;

/** TPM 2.0 constants used by the agent (TPM 2.0 Library Part 2: TPM_ST, TPM_CC, TPM_RH, TPM_ALG, TPMA_NV). */
public final class Tpm2 {

    public static final short ST_NO_SESSIONS = (short) 0x8001;
    public static final short ST_SESSIONS = (short) 0x8002;

    public static final int CC_NV_UNDEFINE_SPACE = 0x0000_0122;
    public static final int CC_NV_DEFINE_SPACE = 0x0000_012A;
    public static final int CC_NV_WRITE = 0x0000_0137;
    public static final int CC_NV_READ = 0x0000_014E;
    public static final int CC_QUOTE = 0x0000_0158;
    public static final int CC_NV_READ_PUBLIC = 0x0000_0169;
    public static final int CC_READ_PUBLIC = 0x0000_0173;
    public static final int CC_PCR_READ = 0x0000_017E;
    public static final int CC_PCR_EXTEND = 0x0000_0182;

    public static final int RH_OWNER = 0x4000_0001;
    /** The password authorization session (empty password here). */
    public static final int RS_PW = 0x4000_0009;

    public static final short ALG_RSA = 0x0001;
    public static final short ALG_SHA1 = 0x0004;
    public static final short ALG_SHA256 = 0x000B;
    public static final short ALG_SHA384 = 0x000C;
    public static final short ALG_NULL = 0x0010;
    public static final short ALG_RSASSA = 0x0014;
    public static final short ALG_RSAPSS = 0x0016;
    public static final short ALG_ECDSA = 0x0018;

    public static final int NV_OWNERWRITE = 1 << 1;
    public static final int NV_AUTHWRITE = 1 << 2;
    public static final int NV_OWNERREAD = 1 << 17;
    public static final int NV_AUTHREAD = 1 << 18;

    /** TPMS_ATTEST magic "\xffTCG" and the quote type. */
    public static final int GENERATED_VALUE = 0xFF54_4347;
    public static final short ST_ATTEST_QUOTE = (short) 0x8018;

    /** The largest TPM command or response this agent exchanges (TPM_BUFSIZE of the Linux driver). */
    public static final int MAX_MESSAGE = 4096;

    private Tpm2() {
    }
}
