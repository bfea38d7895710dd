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
        assertThat(TrustVector.failClosed().nonZero()).isEqualTo(Map.of("hardware", 97));
    }

    @Test
    void onlyNonZeroClaimsAreCarriedInAr4siOrder() {
        TrustVector vector = new TrustVector(Map.of(TrustCategory.HARDWARE, 2, TrustCategory.CONFIGURATION, 0,
                TrustCategory.INSTANCE_IDENTITY, 2));

        assertThat(List.copyOf(vector.nonZero().keySet())).containsExactly("instance-identity", "hardware");
    }

    @Test
    void policyResultsMustBeCategoryIntMaps() {
        Map<String, Object> good = new LinkedHashMap<>();
        good.put("hardware", 2L);
        good.put("executables", -1L);
        assertThat(PolicyResult.toTrustVector(good).claim(TrustCategory.EXECUTABLES)).isEqualTo(-1);

        for (Object bad : List.of(true, Map.of(), Map.of("hardware", "2"), Map.of("hardware", 128L),
                Map.of("hardwares", 2L), Map.of("hardware", 2.0))) {
            assertThatThrownBy(() -> PolicyResult.toTrustVector(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
