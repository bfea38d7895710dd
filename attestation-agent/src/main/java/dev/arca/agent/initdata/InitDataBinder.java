package dev.arca.agent.initdata;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InitDataBinding;

/**
 * Binds an init-data digest to the primary TEE at start-up (Trustee initdata.md): TDX and SNP compare it with their
 * launch-time fields, the vTPM/TPM attesters extend PCR 8, the others cannot bind. A failure to ask the TEE is
 * reported as {@link InitDataBinding.Outcome#FAILED}, never thrown, so the caller decides (the agent refuses to
 * serve on a mismatch or failure, as upstream refuses to start).
 */
public final class InitDataBinder {

    private InitDataBinder() {
    }

    public static InitDataBinding bind(Attester attester, byte[] digest) {
        try {
            return attester.bindInitData(digest);
        } catch (AttesterException e) {
            return InitDataBinding.failed(attester.tee() + " could not bind the init-data: " + e.getMessage());
        } catch (RuntimeException e) {
            return InitDataBinding.failed(attester.tee() + " could not bind the init-data: "
                    + e.getClass().getSimpleName());
        }
    }
}
