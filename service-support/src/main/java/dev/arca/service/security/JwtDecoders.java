package dev.arca.service.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.model.admin.AdminKeySource;
import dev.arca.model.admin.AdminTokenSigner;
import dev.arca.model.admin.VerificationKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The two kinds of bearer JWT the services accept, as Spring Security {@link JwtDecoder}s:
 * <ul>
 * <li>admin tokens: signed by a configured admin key (PEM files and/or a JWK set, by {@code kid}), {@code exp}
 * required, {@code nbf} honoured, both with the configured clock skew, {@code iss}/{@code aud} when configured, and
 * a non-blank string {@code role} claim — or none, where {@code arca.admin.default-roles} gives the signing key a
 * role ({@link DefaultRoles});</li>
 * <li>caller tokens: signed by a key trusted for the caller its {@code iss} names, {@code aud} naming this service,
 * {@code exp} required.</li>
 * </ul>
 */
public final class JwtDecoders {

    public static final String ROLE_CLAIM = AdminTokenSigner.ROLE_CLAIM;

    private JwtDecoders() {
    }

    public static JwtDecoder admin(AdminKeySource keys, AdminProperties admin, Clock clock) {
        DefaultRoles defaultRoles = DefaultRoles.of(admin.defaultRoles());
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(
                new TrustedKeyJwtProcessor(jwt -> keys.keysFor(jwt.getHeader().getKeyID()), defaultRoles::complete));
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(timestamps(admin.clockSkew(), clock));
        validators.add(new JwtClaimValidator<Object>(ROLE_CLAIM, role -> role instanceof String s && !s.isBlank()));
        if (admin.issuer() != null && !admin.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(admin.issuer()));
        }
        if (admin.audience() != null && !admin.audience().isBlank()) {
            validators.add(audience(admin.audience()));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** @param trusted per caller name, the keys its tokens may be signed with */
    public static JwtDecoder callers(Map<String, List<VerificationKey>> trusted, String audience, Duration skew,
            Clock clock) {
        // the caller keys are read once at start, so a signature verified once stays verified (VerifiedSignatures)
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(new TrustedKeyJwtProcessor(jwt -> {
            String issuer = issuerOf(jwt);
            return issuer == null ? List.of() : trusted.getOrDefault(issuer, List.of());
        }, new VerifiedSignatures(clock)));
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(timestamps(skew, clock));
        validators.add(audience(audience));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static List<OAuth2TokenValidator<Jwt>> timestamps(Duration skew, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(skew);
        timestamps.setClock(clock);
        // JwtTimestampValidator accepts a token without exp; ours must expire
        OAuth2TokenValidator<Jwt> expires = new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null);
        return List.of(expires, timestamps);
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "the token's audience does not include " + audience, null));
    }

    private static String issuerOf(SignedJWT jwt) {
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return claims.getIssuer();
        } catch (ParseException e) {
            return null;
        }
    }
}
