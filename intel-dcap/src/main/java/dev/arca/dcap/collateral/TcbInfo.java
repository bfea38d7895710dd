package dev.arca.dcap.collateral;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A TCB Info (v2 SGX, v3 SGX/TDX; Intel PCS API v4 "TCB Info"). Levels are kept in the order served, highest first,
 * the order TCB-level matching walks them (Intel QVL TcbLevelCheck).
 *
 * @param tdxModule           the {@code tdxModule} of a TDX TCB Info, {@code null} otherwise
 * @param tdxModuleIdentities {@code tdxModuleIdentities}, empty when absent
 */
public record TcbInfo(String id, int version, Instant issueDate, Instant nextUpdate, String fmspc, String pceId,
        int tcbType, int tcbEvaluationDataNumber, TdxModuleIdentity tdxModule,
        List<TdxModuleIdentity> tdxModuleIdentities, List<TcbLevel> tcbLevels) {

    public static final String SGX = "SGX";
    public static final String TDX = "TDX";

    public TcbInfo {
        tdxModuleIdentities = List.copyOf(tdxModuleIdentities);
        tcbLevels = List.copyOf(tcbLevels);
    }

    public Optional<TdxModuleIdentity> module() {
        return Optional.ofNullable(tdxModule);
    }
}
