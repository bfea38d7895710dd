package dev.arca.attestation.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.attestation.verifier.VerificationException.Failure;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Trustee deps/verifier: SHA-384 report data is zero-padded to 64 bytes, but truncated to 32 (TPM, NVIDIA). */
class BindingTest {

    private static byte[] bytes(int length, int fill) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) fill);
        return out;
    }

    @Test
    void paddedToAWiderFieldTruncatedToANarrowerOne() throws Exception {
        byte[] sha384 = bytes(48, 0x5a);
        byte[] tdxField = Arrays.copyOf(sha384, 64);
        byte[] tpmNonce = Arrays.copyOf(sha384, 32);

        Binding.requireReportData(Optional.of(sha384), tdxField);
        Binding.requireReportData(Optional.of(sha384), tpmNonce);
        Binding.requireReportData(Optional.empty(), bytes(64, 1));
        Binding.requireInitData(Optional.of(bytes(32, 7)), Arrays.copyOf(bytes(32, 7), 48));
    }

    @Test
    void anyOtherByteIsAMismatch() {
        byte[] sha384 = bytes(48, 0x5a);
        byte[] field = Arrays.copyOf(sha384, 64);
        field[60] = 1;

        assertThatThrownBy(() -> Binding.requireReportData(Optional.of(sha384), field))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.REPORT_DATA_MISMATCH));
        assertThatThrownBy(() -> Binding.requireInitData(Optional.of(bytes(48, 2)), bytes(48, 3)))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.INIT_DATA_MISMATCH));
    }
}
