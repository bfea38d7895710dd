package dev.arca.snp.report;

/** A firmware version as the report encodes it: build, minor, major (ABI spec, CURRENT_BUILD/MINOR/MAJOR). */
public record FirmwareVersion(int major, int minor, int build) {

    @Override
    public String toString() {
        return major + "." + minor + "." + build;
    }
}
