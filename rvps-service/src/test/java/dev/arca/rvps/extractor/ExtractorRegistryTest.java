package dev.arca.rvps.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractorRegistryTest {

    private record Named(String type) implements Extractor {
        @Override
        public Extraction extract(String payload) {
            return Extraction.unsigned(List.of());
        }
    }

    @Test
    void findsByTypeAndListsTypesSorted() {
        Named swid = new Named("swid");
        ExtractorRegistry registry = new ExtractorRegistry(List.of(swid, new Named("corim"), new Named("sample")));

        assertThat(registry.types()).containsExactly("corim", "sample", "swid");
        assertThat(registry.find("swid")).containsSame(swid);
        assertThat(registry.find("SWID")).isEmpty();
    }

    @Test
    void twoExtractorsForOneTypeAreAConfigurationError() {
        assertThatThrownBy(() -> new ExtractorRegistry(List.of(new Named("sample"), new Named("sample"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two extractors for type sample");
    }
}
