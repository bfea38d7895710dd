package dev.arca.rvps.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import dev.arca.model.rvps.ReferenceValue;
import dev.arca.rvps.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleExtractorTest {

    private static SampleExtractor at(String instant) {
        return new SampleExtractor(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachMemberIsOneValueTakenVerbatimInOrder() {
        // the example payload of Trustee rvps/README.md
        Extraction extraction = at("2026-03-01T08:30:15.999Z").extract(b64(
                "{\"mr_td\": [\"705e\"], \"snp_bootloader\": [10], \"major_version\": 1, \"n\": 1.50}"));
        List<ReferenceValue> values = extraction.values();

        assertThat(extraction.signerKeyId()).as("sample checks no signature").isNull();

        assertThat(values).extracting(ReferenceValue::name)
                .containsExactly("mr_td", "snp_bootloader", "major_version", "n");
        assertThat(values).allSatisfy(value -> {
            assertThat(value.version()).isEqualTo("0.1.0");
            assertThat(value.expiration()).isEqualTo(Instant.parse("2027-03-01T08:30:15Z"));
        });
        assertThat(values.get(0).value()).isEqualTo(Json.tree("[\"705e\"]"));
        assertThat(values.get(2).value().asInt()).isEqualTo(1);
        assertThat(values.get(3).value().decimalValue()).isEqualByComparingTo("1.5");
    }

    @Test
    void twelveMonthsFromALeapDayEndsOnTheLastDayOfFebruary() {
        List<ReferenceValue> values = at("2028-02-29T00:00:00Z").extract(b64("{\"a\": 1}")).values();

        assertThat(values.getFirst().expiration()).isEqualTo(Instant.parse("2029-02-28T00:00:00Z"));
    }

    @Test
    void anEmptyObjectRegistersNothing() {
        assertThat(at("2026-01-01T00:00:00Z").extract(b64("{}")).values()).isEmpty();
    }

    @Test
    void refusesWhatIsNotStandardBase64OfAJsonObject() {
        SampleExtractor extractor = at("2026-01-01T00:00:00Z");
        String urlSafe = Base64.getUrlEncoder().encodeToString("{\"a\":\"??>\"}".getBytes(StandardCharsets.UTF_8));

        assertRefused(extractor, "e30", "not standard base64");
        assertRefused(extractor, urlSafe, "not standard base64");
        assertRefused(extractor, b64("not json"), "not valid JSON");
        assertRefused(extractor, b64("{\"a\": 1} {\"b\": 2}"), "not valid JSON");
        assertRefused(extractor, b64("{\"a\": 1, \"a\": 2}"), "duplicate member 'a'");
        assertRefused(extractor, b64("[1]"), "array");
        assertRefused(extractor, b64("\"text\""), "string");
        assertRefused(extractor, "", "empty");
        assertRefused(extractor, Base64.getEncoder().encodeToString(new byte[] {'{', '"', (byte) 0xC3, '"'}),
                "not valid JSON");
    }

    private static void assertRefused(SampleExtractor extractor, String payload, String reason) {
        assertThatThrownBy(() -> extractor.extract(payload))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(reason);
    }
}
