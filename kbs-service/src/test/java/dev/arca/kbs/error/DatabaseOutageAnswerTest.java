package dev.arca.kbs.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The KBS's own database going away (a PostgreSQL restart or failover, the pool out of connections) is a retryable
 * 503 with Retry-After, never a 500: what ScaleOutFaultsIT relies on when it restarts PostgreSQL under load.
 */
class DatabaseOutageAnswerTest {

    private final KbsExceptionHandler handler = new KbsExceptionHandler();

    @Test
    void everyKindOfDatabaseOutageIsA503ToRetry() {
        SQLTransientConnectionException cause = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 3000ms (total=0)");
        for (Exception outage : List.of(
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", cause),
                new DataAccessResourceFailureException("connection refused", cause),
                new QueryTimeoutException("canceling statement due to statement timeout"),
                new RecoverableDataAccessException("terminating connection due to administrator command"),
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction", cause))) {
            ResponseEntity<byte[]> answer = handler.databaseUnavailable(outage,
                    new MockHttpServletRequest("POST", "/kbs/v0/auth"));
            String body = new String(answer.getBody(), StandardCharsets.UTF_8);
            assertThat(answer.getStatusCode().value()).as(outage.getClass().getSimpleName()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(String.valueOf(answer.getHeaders().getContentType())).startsWith("application/problem+json");
            assertThat(body).contains("UpstreamUnavailable").contains("database is unavailable")
                    .doesNotContain("Hikari").doesNotContain("Exception").doesNotContain("JDBC");
        }
    }
}
