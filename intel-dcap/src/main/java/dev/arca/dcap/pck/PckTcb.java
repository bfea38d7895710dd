package dev.arca.dcap.pck;

import java.util.List;

/**
 * The platform TCB the PCK certificate was issued for (SGX extension sub-OID .2): the 16 CPU SVN components
 * (.2.1–.2.16), PCESVN (.2.17) and CPUSVN (.2.18). TCB-level matching uses these, not the quote's CPUSVN (Intel QVL
 * TcbLevelCheck).
 */
public record PckTcb(List<Integer> componentSvns, int pceSvn, byte[] cpuSvn) {

    public PckTcb {
        componentSvns = List.copyOf(componentSvns);
        if (componentSvns.size() != 16) {
            throw new IllegalArgumentException("a PCK TCB has 16 component SVNs");
        }
    }
}
