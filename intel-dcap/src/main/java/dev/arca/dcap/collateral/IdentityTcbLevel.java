package dev.arca.dcap.collateral;

import java.time.Instant;
import java.util.List;

/** A TCB level keyed by ISV SVN: QE Identity levels and TDX module identity levels (Intel PCS API v4). */
public record IdentityTcbLevel(int isvSvn, Instant tcbDate, TcbStatus status, List<String> advisoryIds) {

    public IdentityTcbLevel {
        advisoryIds = List.copyOf(advisoryIds);
    }
}
