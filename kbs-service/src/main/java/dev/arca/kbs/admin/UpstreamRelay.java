package dev.arca.kbs.admin;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.error.Problems;
import dev.arca.kbs.upstream.UpstreamResponse;
import dev.arca.kbs.upstream.UpstreamUnavailableException;
import dev.arca.model.error.ErrorInformation;
import dev.arca.model.error.KbsErrorType;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Answers a forwarded admin call with what the AS or RVPS said: any 2xx as 200 with its body (upstream's kbs-client
 * treats every status but 200 as a failure, and upstream's KBS answers 200 here; docs/compatibility.md), a 4xx with
 * its problem (so the admin sees e.g. the AS's policy compile error), and a 5xx or no answer as 503.
 */
final class UpstreamRelay {

    private UpstreamRelay() {
    }

    static ResponseEntity<byte[]> relay(UpstreamResponse response, KbsErrorType refusalType, String service) {
        if (response.isSuccess()) {
            if (response.body().length == 0) {
                return ResponseEntity.ok().build();
            }
            MediaType type = response.contentType().map(MediaType::parseMediaType).orElse(MediaType.APPLICATION_JSON);
            return ResponseEntity.ok().contentType(type).body(response.body());
        }
        if (response.isClientError()) {
            ErrorInformation problem = response.problem()
                    .filter(p -> p.type() != null)
                    .orElseGet(() -> Problems.withStatus(refusalType, response.status(),
                            service + " refused the request: " + response.reason()));
            throw new KbsException(problem);
        }
        throw new UpstreamUnavailableException(service + " failed: " + response.reason(), null);
    }
}
