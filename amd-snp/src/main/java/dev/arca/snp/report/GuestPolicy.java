package dev.arca.snp.report;

/**
 * The guest policy the VM was launched with (SEV-SNP ABI, "Guest Policy"): bits 0–7 ABI minor, 8–15 ABI major,
 * 16 SMT allowed, 17 reserved (1), 18 migration agent allowed, 19 debug allowed, 20 single socket required, and on
 * newer firmware 21 CXL allowed, 22 AES-256-XTS required, 23 RAPL disabled, 24 ciphertext hiding, 25 page swap
 * disabled.
 */
public record GuestPolicy(long raw) {

    public int abiMinor() {
        return (int) (raw & 0xFF);
    }

    public int abiMajor() {
        return (int) ((raw >>> 8) & 0xFF);
    }

    public boolean smtAllowed() {
        return bit(16);
    }

    public boolean migrateMa() {
        return bit(18);
    }

    public boolean debugAllowed() {
        return bit(19);
    }

    public boolean singleSocket() {
        return bit(20);
    }

    public boolean cxlAllowed() {
        return bit(21);
    }

    public boolean memAes256Xts() {
        return bit(22);
    }

    public boolean raplDisabled() {
        return bit(23);
    }

    public boolean ciphertextHiding() {
        return bit(24);
    }

    public boolean pageSwapDisabled() {
        return bit(25);
    }

    private boolean bit(int index) {
        return (raw >>> index & 1) == 1;
    }
}
