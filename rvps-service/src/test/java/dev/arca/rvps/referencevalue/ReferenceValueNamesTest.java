package dev.arca.rvps.referencevalue;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.rvps.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceValueNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "mr_td",
            "rvps:///github.com/confidential-containers/guest-components/aa:v0.14.0",
            "ACME/RoadRunner/31fb5abf-023e-4992-aa4e-95f9c1503bfa/digests",
            "NVIDIA_Corporation.GPU.measurement_12",
            "spaces and ünïcödé 🙂"})
    void acceptsPrintableNames(String name) {
        assertThatCode(() -> ReferenceValueNames.requireValid(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tab\there", "new\nline", "nul\u0000", "del\u007f", "bidi\u202Eoverride",
            "zero\u200Bwidth", "lone\uD800surrogate", "private\uE000use", "line\u2028separator"})
    void refusesEmptyAndNonPrintableNames(String name) {
        assertThatThrownBy(() -> ReferenceValueNames.requireValid(name)).isInstanceOf(InvalidRequestException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 257})
    void namesAreAtMost256Characters(int length) {
        String name = "n".repeat(length);
        if (length <= ReferenceValueNames.MAX_LENGTH) {
            assertThatCode(() -> ReferenceValueNames.requireValid(name)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> ReferenceValueNames.requireValid(name))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("256");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "rvps:///"})
    void aPrefixMayBeEmpty(String prefix) {
        assertThatCode(() -> ReferenceValueNames.requireValidPrefix(prefix)).doesNotThrowAnyException();
    }
}
