package dev.arca.snp.report;

/**
 * PLATFORM_INFO (SEV-SNP ABI): bit 0 SMT enabled, 1 TSME enabled, 2 ECC memory, 3 RAPL disabled, 4 ciphertext hiding
 * enabled, 5 alias check complete, 7 SEV-TIO enabled.
 */
public record PlatformInfo(long raw) {

    public boolean smtEnabled() {
        return bit(0);
    }

    public boolean tsmeEnabled() {
        return bit(1);
    }

    public boolean eccEnabled() {
        return bit(2);
    }

    public boolean raplDisabled() {
        return bit(3);
    }

    public boolean ciphertextHidingEnabled() {
        return bit(4);
    }

    public boolean aliasCheckComplete() {
        return bit(5);
    }

    public boolean tioEnabled() {
        return bit(7);
    }

    private boolean bit(int index) {
        return (raw >>> index & 1) == 1;
    }
}
