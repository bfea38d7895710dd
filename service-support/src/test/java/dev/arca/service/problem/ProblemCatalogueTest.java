package dev.arca.service.problem;

import dev.arca.model.error.ErrorInformation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One type URI scheme, and one slug per status, for the services that name their own problems (AS, RVPS). */
class ProblemCatalogueTest {

    @Test
    void aSharedRefusalIsNamedByTheServiceAndTheSlugOfItsKind() {
        ErrorInformation problem = ProblemCatalogue.arca("rvps-service").problem(ProblemKind.PAYLOAD_TOO_LARGE, "big");

        assertThat(problem.type()).isEqualTo("https://arca.dev/problems/rvps-service/payload-too-large");
        assertThat(problem.title()).isEqualTo("Payload too large");
        assertThat(problem.status()).isEqualTo(413);
        assertThat(ProblemCatalogue.arca("rvps-service").problem(ProblemKind.BAD_REQUEST, "x").type())
                .isEqualTo("https://arca.dev/problems/rvps-service/invalid-request");
        assertThat(ProblemCatalogue.arca("rvps-service").problem(ProblemKind.INTERNAL, "x").type())
                .isEqualTo("https://arca.dev/problems/rvps-service/internal-error");
    }

    @Test
    void everyStatusHasTheSlugOfItsOwnKindOrItsName() {
        for (ProblemKind kind : ProblemKind.values()) {
            assertThat(ProblemCatalogue.slug(kind.status())).isEqualTo(ProblemCatalogue.slug(kind));
        }
        // a status no shared refusal has keeps its own name rather than falling under 400's or 500's slug
        assertThat(ProblemCatalogue.slug(409)).isEqualTo("conflict");
        assertThat(ProblemCatalogue.slug(502)).isEqualTo("bad-gateway");
        assertThat(ProblemCatalogue.slug(499)).isEqualTo("http-499");
    }
}
