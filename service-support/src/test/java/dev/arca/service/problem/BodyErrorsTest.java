package dev.arca.service.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.arca.model.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyErrorsTest {

    record Upload(String policy, int count) {
    }

    static String describe(String json) {
        return BodyErrors.describe(catchThrowable(() -> Json.read(json.getBytes(), Upload.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "123", "{\"policy\":[1]}", "{\"count\":\"x\"}", "{", "not json",
            "/* c */{}", "{'a':1}", "{\"a\":NaN}", "{\"count\":1e999999999}"})
    void detailsNeverNameJavaTypesLibrariesOrMethods(String json) {
        assertThat(describe(json)).isNotBlank()
                .doesNotContainPattern("dev\\.arca|java\\.|tools\\.jackson|Exception|\\w\\(\\)|\\$|Feature");
    }

    @ParameterizedTest
    @ValueSource(ints = {600, 2000})
    void aNestingLimitIsNamedInTheCallersTerms(int depth) {
        assertThat(BodyErrors.describe(catchThrowable(() -> Json.tree("[".repeat(depth))))).isEqualTo(
                "the JSON body exceeds a limit (nesting depth, number or string length)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"policy\":\"a\",\"policy\":\"b\"}"})
    void theParsersOwnWordsAreKeptWhenTheyHelp(String json) {
        tools.jackson.databind.json.JsonMapper strict = tools.jackson.databind.json.JsonMapper.builder()
                .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        String detail = BodyErrors.describe(catchThrowable(() -> strict.readTree(json)));
        assertThat(detail).startsWith("malformed JSON at line 1").containsIgnoringCase("duplicate");
    }
}
