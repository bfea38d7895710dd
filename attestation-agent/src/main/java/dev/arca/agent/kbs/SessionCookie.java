package dev.arca.agent.kbs;

import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code kbs-session-id} cookie of the RCAR session (Trustee kbs_attestation_protocol.md): set by /auth (and again
 * by /attest), replayed on /attest and on resource requests. Kept by hand rather than in a general cookie jar, so it
 * goes to the configured KBS only and a KBS-side expiry simply shows up as a 401, which triggers a new handshake.
 */
final class SessionCookie {

    static final String NAME = "kbs-session-id";

    /** RFC 6265 cookie-octets: nothing that could end the header value or smuggle another attribute. */
    private static final Pattern COOKIE_VALUE = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]{1,512}");

    private String value;

    /** Takes the session id from the Set-Cookie headers of a response, if it carries one. */
    void capture(HttpHeaders headers) {
        for (String setCookie : headers.allValues("set-cookie")) {
            String pair = setCookie.split(";", 2)[0].trim();
            int eq = pair.indexOf('=');
            if (eq > 0 && NAME.equals(pair.substring(0, eq).trim())) {
                String candidate = pair.substring(eq + 1).trim();
                if (COOKIE_VALUE.matcher(candidate).matches()) {
                    value = candidate;
                }
            }
        }
    }

    /** The Cookie request header value, when a session exists. */
    Optional<String> header() {
        return value == null ? Optional.empty() : Optional.of(NAME + "=" + value);
    }

    boolean isPresent() {
        return value != null;
    }

    void clear() {
        value = null;
    }
}
