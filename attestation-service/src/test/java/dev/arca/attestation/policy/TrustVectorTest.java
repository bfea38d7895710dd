package dev.arca.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.ear.EarStatus;
import dev.arca.model.ear.TrustCategory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustVectorTest {

    @Test
    void statusIsTheWorstTier() {
        assertThat(new TrustVector(Map.of()).status()).isEqualTo(EarStatus.NONE);
        assertThat(new TrustVector(Map.of(TrustCategory.HARDWARE, 2, TrustCategory.CONFIGURATION, 0)).status())
                .isEqualTo(EarStatus.AFFIRMING);
        assertThat(new TrustVector(Map.of(TrustCategory.HARDWARE, 2, TrustCategory.EXECUTABLES, 33)).status())
                .isEqualTo(EarStatus.WARNING);
        assertThat(TrustVector.failClosed().status()).isEqualTo(EarStatus.CONTRAINDICATED);
        assertThat(TrustVector.failClosed().byName()).isEqualTo(Map.of("hardware", 97));
    }

    @Test
    void theSetClaimsZerosIncludedAreCarriedInAr4siOrder() {
        TrustVector vector = new TrustVector(Map.of(TrustCategory.HARDWARE, 2, TrustCategory.CONFIGURATION, 0,
                TrustCategory.INSTANCE_IDENTITY, 2));

        assertThat(List.copyOf(vector.byName().keySet()))
                .containsExactly("instance-identity", "configuration", "hardware");
        assertThat(vector.claim(TrustCategory.FILE_SYSTEM)).isZero();
    }

    @Test
    void policyResultsMustBeCategoryIntMaps() {
        Map<String, Object> good = new LinkedHashMap<>();
        good.put("hardware", 2L);
        good.put("executables", -1L);
        assertThat(PolicyResult.read(good).trustVector().claim(TrustCategory.EXECUTABLES)).isEqualTo(-1);

        for (Object bad : List.of(true, Map.of(), Map.of("hardware", "2"), Map.of("hardware", 128L),
                Map.of("hardwares", 2L), Map.of("hardware", 2.0), Map.of("extensions", Map.of()))) {
            assertThatThrownBy(() -> PolicyResult.read(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void extensionsBesideTheCategoriesBecomeJson() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("hardware", 2L);
        result.put("extensions", Map.of("ear.trustee.identifiers",
                Map.of("validated", Map.of("container_uids", List.of(0L, 1000L), "ok", true, "ratio", 0.5))));

        PolicyVerdict verdict = PolicyResult.read(result);

        assertThat(verdict.failedClosed()).isFalse();
        assertThat(verdict.extensions().get("ear.trustee.identifiers").toString()).contains("\"container_uids\":[0,1000]")
                .contains("\"ok\":true").contains("\"ratio\":0.5");
        for (Object bad : List.of(Map.of("hardware", 2L, "extensions", List.of()),
                Map.of("hardware", 2L, "extensions", Map.of("ear.status", "affirming")),
                Map.of("hardware", 2L, "extensions", Map.of("bad name", 1L)),
                Map.of("hardware", 2L, "extensions", Map.of("x.y", java.time.Instant.EPOCH)))) {
            assertThatThrownBy(() -> PolicyResult.read(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
