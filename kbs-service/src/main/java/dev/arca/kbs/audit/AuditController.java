package dev.arca.kbs.audit;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.web.JsonResponses;
import dev.arca.model.error.KbsErrorType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /kbs/v0/admin/audit?since=&after=&limit=} (admin, like everything under {@code /kbs/v0/admin/}): audit
 * records oldest first. {@code since} is an RFC 3339 instant (inclusive, default: the beginning); {@code after} an
 * audit id to continue after (paging); {@code limit} 1–1000 (default 100).
 */
@RestController
@Tag(name = "admin: audit")
public class AuditController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditStore store;

    public AuditController(AuditStore store) {
        this.store = store;
    }

    @GetMapping("/kbs/v0/admin/audit")
    @Operation(summary = "Read the audit records of releases and refusals",
            description = "Oldest first. since: RFC 3339 instant (inclusive); after: continue after this record id; "
                    + "limit: 1-1000, default 100.")
    public ResponseEntity<byte[]> read(@RequestParam(required = false) String since,
            @RequestParam(required = false) String after, @RequestParam(required = false) String limit) {
        Instant from = Instant.EPOCH;
        if (since != null) {
            try {
                from = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw new KbsException(KbsErrorType.InvalidRequest,
                        "since must be an RFC 3339 instant such as 2026-11-26T12:00:00Z");
            }
        }
        long afterId = number(after, "after", 0, Long.MAX_VALUE, 0);
        int count = (int) number(limit, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        return JsonResponses.ok(store.read(from, afterId, count));
    }

    private static long number(String text, String name, long min, long max, long fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException invalid) {
            // reported below
        }
        throw new KbsException(KbsErrorType.InvalidRequest, name + " must be a number from " + min + " to " + max);
    }
}
