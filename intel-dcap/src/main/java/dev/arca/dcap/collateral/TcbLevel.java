package dev.arca.dcap.collateral;

import java.time.Instant;
import java.util.List;

/**
 * One platform TCB level of a TCB Info: 16 SGX component SVNs, the PCE SVN, and for TDX 16 TDX component SVNs
 * (empty for SGX), with the level's date, status and advisories (Intel PCS API v4, TCB Info v3).
 */
public record TcbLevel(List<Integer> sgxComponents, int pceSvn, List<Integer> tdxComponents, Instant tcbDate,
        TcbStatus status, List<String> advisoryIds) {

    public TcbLevel {
        sgxComponents = List.copyOf(sgxComponents);
        tdxComponents = List.copyOf(tdxComponents);
        advisoryIds = List.copyOf(advisoryIds);
    }
}
