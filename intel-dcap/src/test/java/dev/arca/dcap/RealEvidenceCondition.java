package dev.arca.dcap;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Enables {@link RealEvidence} classes only when the corpus is present; says once per run why they are skipped. */
@RealEvidence
public final class RealEvidenceCondition implements ExecutionCondition {

    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Vectors.present()) {
            return ConditionEvaluationResult.enabled("real-evidence corpus at " + Vectors.ROOT);
        }
        String reason = "real-evidence tests skipped: no corpus at " + Vectors.ROOT.normalize()
                + " (set ARCA_VECTORS)";
        if (TOLD.compareAndSet(false, true)) {
            System.out.println(reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
