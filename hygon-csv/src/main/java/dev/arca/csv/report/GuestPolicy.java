package dev.arca.csv.report;

/**
 * The guest policy a CSV guest was launched with (csv-rs {@code GuestPolicy}, a u32 bit field): bit 0 NODBG, 1 NOKS,
 * 2 ES, 3 NOSEND, 4 DOMAIN, 5 CSV, 6 CSV3, 7 ASID_REUSE, 11:8 HSK_VERSION, 15:12 CEK_VERSION, 23:16 API_MAJOR,
 * 31:24 API_MINOR.
 *
 * @param value the policy, already unmasked for a version-1 report
 */
public record GuestPolicy(long value) {

    public int nodbg() {
        return bits(0, 1);
    }

    public int noks() {
        return bits(1, 1);
    }

    public int es() {
        return bits(2, 1);
    }

    public int nosend() {
        return bits(3, 1);
    }

    public int domain() {
        return bits(4, 1);
    }

    public int csv() {
        return bits(5, 1);
    }

    public int csv3() {
        return bits(6, 1);
    }

    public int asidReuse() {
        return bits(7, 1);
    }

    public int hskVersion() {
        return bits(8, 4);
    }

    public int cekVersion() {
        return bits(12, 4);
    }

    public int apiMajor() {
        return bits(16, 8);
    }

    public int apiMinor() {
        return bits(24, 8);
    }

    private int bits(int from, int width) {
        return (int) ((value >>> from) & ((1L << width) - 1));
    }
}
