package dev.arca.rvps.referencevalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import dev.arca.model.rvps.ReferenceValue;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every database behind the store must do, judged at explicit instants. Implemented by a test per database
 * (H2 in the running service, a real PostgreSQL), so the SQL is shown to be portable.
 */
interface ReferenceValueStoreContract {

    Instant EXPIRATION = Instant.parse("2030-01-01T00:00:00Z");
    Provenance PROVENANCE =
            new Provenance("sample", "SampleExtractor", null, Instant.parse("2026-01-01T00:00:00Z"));

    JsonMapper DECIMALS =
            Json.MAPPER.rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    ReferenceValueStore store();

    @Test
    default void aFailingValueRollsBackTheWholeRegistration() {
        // the second name is wider than the name column: the database refuses it after the first was written
        List<ReferenceValue> values = List.of(value("store/atomic/first", "1"), value("x".repeat(300), "2"));

        assertThatThrownBy(() -> store().registerAll(values, PROVENANCE)).isInstanceOf(DataAccessException.class);

        assertThat(store().find("store/atomic/first", EXPIRATION.minusSeconds(60))).isEmpty();
    }

    @Test
    default void expiryIsJudgedAtTheGivenInstant() {
        store().registerAll(List.of(value("store/expiry/a", "[\"x\"]")), PROVENANCE);

        assertThat(store().find("store/expiry/a", EXPIRATION.minusSeconds(1))).hasValueSatisfying(found -> {
            assertThat(found.expiration()).isEqualTo(EXPIRATION);
            assertThat(found.value()).isEqualTo(Json.tree("[\"x\"]"));
        });
        assertThat(store().list("store/expiry/", EXPIRATION.minusSeconds(1))).hasSize(1);
        assertThat(store().find("store/expiry/a", EXPIRATION)).isEmpty();
        assertThat(store().list("store/expiry/", EXPIRATION)).isEmpty();
        assertThat(store().delete("store/expiry/a")).as("expired values can still be deleted").isTrue();
        assertThat(store().delete("store/expiry/a")).isFalse();
    }

    @Test
    default void registeringANameAgainReplacesValueAndExpiry() {
        Instant later = EXPIRATION.plusSeconds(86_400);
        store().registerAll(List.of(value("store/replace/ü🙂", "[1]")), PROVENANCE);
        store().registerAll(List.of(new ReferenceValue("0.1.0", "store/replace/ü🙂", later, Json.tree("[2]"))),
                PROVENANCE);

        assertThat(store().find("store/replace/ü🙂", EXPIRATION)).hasValueSatisfying(found -> {
            assertThat(found.value()).isEqualTo(Json.tree("[2]"));
            assertThat(found.expiration()).isEqualTo(later);
        });
        assertThat(store().list("store/replace/", EXPIRATION)).hasSize(1);
    }

    @Test
    default void valuesAreStoredVerbatim() {
        JsonNode input = DECIMALS.readTree("{\"big\": 123456789012345678901234567890,"
                + " \"decimal\": 0.1000000000000000000001, \"text\": \"\\u00fc\\n\", \"nothing\": null,"
                + " \"list\": [true, {}]}");
        store().registerAll(List.of(new ReferenceValue("0.1.0", "store/verbatim", EXPIRATION, input)), PROVENANCE);

        JsonNode stored = store().find("store/verbatim", EXPIRATION.minusSeconds(1)).orElseThrow().value();

        assertThat(stored.path("big").bigIntegerValue()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(stored.path("decimal").decimalValue()).isEqualByComparingTo("0.1000000000000000000001");
        assertThat(stored.path("text").asString()).isEqualTo("\u00fc\n");
        assertThat(stored.path("nothing").isNull()).isTrue();
        assertThat(stored.path("list")).isEqualTo(Json.tree("[true, {}]"));
    }

    @Test
    default void provenanceIsStoredWithTheValues() {
        Provenance signed =
                new Provenance("in-toto", "InTotoExtractor", "70ca5750", Instant.parse("2026-02-03T04:05:06Z"));
        store().registerAll(List.of(value("store/provenance/a", "1")), signed);
        store().registerAll(List.of(value("store/provenance/b", "2")), PROVENANCE);

        assertThat(store().findWithProvenance("store/provenance/a", EXPIRATION.minusSeconds(1)))
                .hasValueSatisfying(found -> {
                    assertThat(found.provenance()).isEqualTo(signed);
                    assertThat(found.referenceValue()).isEqualTo(value("store/provenance/a", "1"));
                });
        assertThat(store().listWithProvenance("store/provenance/", EXPIRATION.minusSeconds(1)))
                .extracting(StoredReferenceValue::provenance).containsExactly(signed, PROVENANCE);
        assertThat(store().findWithProvenance("store/provenance/a", EXPIRATION)).isEmpty();
    }

    @Test
    default void prefixMatchesBackslashLiterally() {
        store().registerAll(List.of(value("store/esc/a\\b", "1"), value("store/esc/ab", "2")), PROVENANCE);

        assertThat(store().list("store/esc/a\\", EXPIRATION.minusSeconds(1)))
                .extracting(ReferenceValue::name).containsExactly("store/esc/a\\b");
    }

    private static ReferenceValue value(String name, String json) {
        return new ReferenceValue("0.1.0", name, EXPIRATION, Json.tree(json));
    }
}
