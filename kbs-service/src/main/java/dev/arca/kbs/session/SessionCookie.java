package dev.arca.kbs.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code kbs-session-id} cookie (Trustee kbs_attestation_protocol.md): a random UUIDv4 in simple form (32 lowercase
 * hex digits) and only an {@code Expires} attribute, written by hand because Spring's cookie builder always adds {@code
 * Max-Age}.
 */
public final class SessionCookie {

    public static final String NAME = "kbs-session-id";

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    /** RFC 6265 §4.1.1 sane-cookie-date (IMF-fixdate): always two-digit day, GMT. */
    private static final DateTimeFormatter EXPIRES =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private SessionCookie() {
    }

    /** UUIDv4 from the JDK's CSPRNG, without dashes, as upstream generates it. */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public static String setCookieHeader(Session session) {
        return NAME + "=" + session.id() + "; Expires=" + EXPIRES.format(session.expiresAt());
    }

    /** The session id the client sent, if any and well-formed (a malformed value cannot name a session). */
    public static Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && cookie.getValue() != null) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    public static boolean isWellFormed(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
