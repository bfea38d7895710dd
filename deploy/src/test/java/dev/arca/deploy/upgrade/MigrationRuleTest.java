package dev.arca.deploy.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule that makes rolling upgrades possible (docs/deployment.md "Upgrades without downtime"): a release's Flyway
 * migrations leave the schema usable by the previous release, which keeps running beside the new one until the roll
 * ends. So a migration may add (tables, indexes, nullable columns or columns with a default) but not take away or
 * change what the previous release reads or writes: no dropped or renamed table or column, no changed column type, no
 * new NOT NULL without a default, no UPDATE or DELETE of existing rows. Taking away comes one release later, once no
 * replica uses it any more, and is listed in {@link #CONTRACTIONS} with the reason it is safe.
 */
class MigrationRuleTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> SERVICES = List.of("kbs-service", "attestation-service", "rvps-service");

    private static final Map<String, Pattern> FORBIDDEN = Map.of(
            "drops a table or column", Pattern.compile("\\bDROP\\s+(TABLE|COLUMN)\\b"),
            "renames a table or column", Pattern.compile("\\bRENAME\\b"),
            "changes a column type", Pattern.compile("\\bALTER\\s+COLUMN\\s+\\S+\\s+(SET\\s+DATA\\s+)?TYPE\\b"),
            "makes an existing column NOT NULL", Pattern.compile("\\bSET\\s+NOT\\s+NULL\\b"),
            "adds a NOT NULL column without a default",
            Pattern.compile("\\bADD\\s+COLUMN\\b(?:(?!\\bDEFAULT\\b)[^;])*\\bNOT\\s+NULL\\b"),
            "rewrites or deletes existing rows", Pattern.compile("(^|;)\\s*(UPDATE|DELETE)\\b"));

    /**
     * Migrations allowed to break the rule, each with why no running replica is hurt. V5 of the KBS predates the first
     * release (0.1.0): no deployed KBS ever wrote the column it renames.
     */
    private static final Set<String> CONTRACTIONS = Set.of(
            "kbs-service/V5__audit_session_digest.sql");

    @Test
    void everyMigrationKeepsTheSchemaUsableByThePreviousRelease() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (String service : SERVICES) {
            Path dir = ROOT.resolve(service).resolve("src/main/resources/db/migration");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                    checked++;
                    String name = service + "/" + file.getFileName();
                    String sql = withoutComments(Files.readString(file)).toUpperCase(java.util.Locale.ROOT);
                    FORBIDDEN.forEach((what, pattern) -> {
                        if (pattern.matcher(sql).find() && !CONTRACTIONS.contains(name)) {
                            violations.add(name + " " + what);
                        }
                    });
                }
            }
        }
        assertThat(checked).as("migrations found").isGreaterThanOrEqualTo(9);
        assertThat(violations).isEmpty();
    }

    @Test
    void theRuleCatchesWhatItForbids() {
        List<String> breaking = List.of(
                "ALTER TABLE kbs_audit RENAME COLUMN session_id TO session_digest;",
                "ALTER TABLE t DROP COLUMN c;",
                "DROP TABLE kbs_session;",
                "ALTER TABLE t ALTER COLUMN c SET DATA TYPE VARCHAR(64);",
                "ALTER TABLE t ALTER COLUMN c TYPE TEXT;",
                "ALTER TABLE t ALTER COLUMN c SET NOT NULL;",
                "ALTER TABLE t ADD COLUMN c VARCHAR(8) NOT NULL;",
                "CREATE TABLE a (x INT);\nUPDATE kbs_audit SET session_digest = NULL;",
                "DELETE FROM kbs_session;");
        for (String sql : breaking) {
            assertThat(FORBIDDEN.values().stream().anyMatch(p -> p.matcher(sql.toUpperCase()).find())).as(sql).isTrue();
        }
        List<String> additive = List.of(
                "ALTER TABLE kbs_resource_policy ADD COLUMN binding VARCHAR(256) DEFAULT '' NOT NULL;",
                "ALTER TABLE reference_value ADD COLUMN signer_key_id VARCHAR(128);",
                "CREATE TABLE kbs_session (id VARCHAR(32) PRIMARY KEY, state TEXT NOT NULL);",
                "CREATE INDEX kbs_session_expires_at ON kbs_session (expires_at);");
        for (String sql : additive) {
            assertThat(FORBIDDEN.values().stream().noneMatch(p -> p.matcher(sql.toUpperCase()).find())).as(sql).isTrue();
        }
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("--[^\\n]*", "").replaceAll("(?s)/\\*.*?\\*/", "");
    }
}
