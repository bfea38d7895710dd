package dev.arca.nvidia;

import dev.arca.nvidia.spdm.SpdmReport;
import java.util.Objects;

/** A report whose chain, FWID, signature and nonce were all checked; what the claims are made from. */
public record VerifiedGpuReport(SpdmReport report, String leafSubject) {

    public VerifiedGpuReport {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(leafSubject, "leafSubject");
    }
}
