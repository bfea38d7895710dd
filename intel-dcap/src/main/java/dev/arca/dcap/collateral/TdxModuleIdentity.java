package dev.arca.dcap.collateral;

import java.util.List;

/**
 * A TDX module identity of a TDX TCB Info: the top-level {@code tdxModule} (id empty, no levels) or an entry of
 * {@code tdxModuleIdentities} with id {@code TDX_%02X} of the module version and its ISV SVN levels.
 */
public record TdxModuleIdentity(String id, byte[] mrSigner, byte[] attributes, byte[] attributesMask,
        List<IdentityTcbLevel> tcbLevels) {

    public TdxModuleIdentity {
        tcbLevels = List.copyOf(tcbLevels);
    }
}
