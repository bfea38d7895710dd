package dev.arca.kbs.policy;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.error.Problems;
import dev.arca.model.error.KbsErrorType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Resource policies by id, each bound to a prefix, in table {@code kbs_resource_policy}. Read on every evaluation, as
 * upstream does (Trustee KBS policy engine), so replicas sharing a database see an update at once.
 */
@Repository
public class ResourcePolicyStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ResourcePolicyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<StoredPolicy> list() {
        return jdbc.sql("SELECT id, binding, policy_text, updated_at FROM kbs_resource_policy ORDER BY binding, id")
                .query((rs, n) -> new StoredPolicy(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                .list();
    }

    public Optional<StoredPolicy> find(String id) {
        return jdbc.sql("SELECT id, binding, policy_text, updated_at FROM kbs_resource_policy WHERE id = ?")
                .param(id)
                .query((rs, n) -> new StoredPolicy(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * Creates or replaces policy {@code id} with its binding. A binding held by another policy is a 409: one policy
     * per binding, so a tenant's policy cannot be shadowed by a second one of equal length.
     */
    public StoredPolicy save(String id, String binding, String text) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            if (update(id, binding, text, now) == 0) {
                try {
                    jdbc.sql("INSERT INTO kbs_resource_policy (id, binding, policy_text, updated_at) "
                            + "VALUES (?, ?, ?, ?)")
                            .params(id, binding, text, now)
                            .update();
                } catch (DuplicateKeyException raced) {
                    if (update(id, binding, text, now) == 0) {
                        throw raced;
                    }
                }
            }
        } catch (DuplicateKeyException e) {
            String holder = list().stream().filter(p -> p.binding().equals(binding) && !p.id().equals(id))
                    .map(StoredPolicy::id).findFirst().orElse("another policy");
            throw new KbsException(Problems.withStatus(KbsErrorType.InvalidRequest, 409, "binding '" + binding
                    + "' is held by policy " + holder + "; delete it or give this policy another binding"));
        }
        return new StoredPolicy(id, binding, text, now.toInstant());
    }

    private int update(String id, String binding, String text, OffsetDateTime now) {
        return jdbc.sql("UPDATE kbs_resource_policy SET binding = ?, policy_text = ?, updated_at = ? WHERE id = ?")
                .params(binding, text, now, id)
                .update();
    }

    public boolean delete(String id) {
        return jdbc.sql("DELETE FROM kbs_resource_policy WHERE id = ?").param(id).update() > 0;
    }
}
