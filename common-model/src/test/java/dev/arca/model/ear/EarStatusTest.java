package dev.arca.model.ear;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EarStatusTest {

    @ParameterizedTest
    @CsvSource({"0,NONE", "1,NONE", "-1,NONE", "2,AFFIRMING", "31,AFFIRMING", "-32,AFFIRMING", "32,WARNING",
            "95,WARNING", "-96,WARNING", "96,CONTRAINDICATED", "97,CONTRAINDICATED", "-97,CONTRAINDICATED"})
    void tiersFollowAr4si(int value, EarStatus expected) {
        assertThat(EarStatus.ofClaim(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"NONE,AFFIRMING,AFFIRMING", "WARNING,AFFIRMING,WARNING", "CONTRAINDICATED,NONE,CONTRAINDICATED"})
    void worstWins(EarStatus a, EarStatus b, EarStatus expected) {
        assertThat(a.worst(b)).isEqualTo(expected);
    }
}
