package dev.arca.service.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Authenticates a bearer JWT with the decoder its claimed issuer calls for, the way Spring Security's
 * {@code JwtIssuerAuthenticationManagerResolver} does: a token whose {@code iss} names a trusted caller is a caller
 * token (authority {@code CALLER_<name>}), any other is an admin token (authority {@code ROLE_<role>}). The claimed
 * issuer only picks the decoder; the decoder's signature and claim checks decide.
 */
final class BearerAuthentication implements AuthenticationManager {

    static final String CALLER_PREFIX = "CALLER_";
    static final String ROLE_PREFIX = "ROLE_";

    private final AuthenticationManager admin;
    private final AuthenticationManager callers;
    private final Set<String> callerNames;

    /** @param adminDecoder null when no admin key is configured; callerDecoder null when no caller is trusted */
    BearerAuthentication(JwtDecoder adminDecoder, JwtDecoder callerDecoder, Set<String> callerNames) {
        this.admin = adminDecoder == null ? refusing("no admin key is configured on this service")
                : provider(adminDecoder, BearerAuthentication::roleAuthorities)::authenticate;
        this.callers = callerDecoder == null ? refusing("no caller is trusted by this service")
                : provider(callerDecoder, BearerAuthentication::callerAuthorities)::authenticate;
        this.callerNames = Set.copyOf(callerNames);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String token = String.valueOf(authentication.getCredentials());
        String issuer;
        try {
            JWT jwt = JWTParser.parse(token);
            // only a signed JWT can be a credential; an unsecured or encrypted one has no claims to route by (an
            // encrypted JWT's claims are null until decrypted)
            if (!(jwt instanceof com.nimbusds.jwt.SignedJWT signed)) {
                throw new InvalidBearerTokenException("the bearer token is not a signed JWT");
            }
            issuer = signed.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new InvalidBearerTokenException("the bearer token is not a JWT");
        }
        return issuer != null && callerNames.contains(issuer)
                ? callers.authenticate(authentication)
                : admin.authenticate(authentication);
    }

    private static JwtAuthenticationProvider provider(JwtDecoder decoder,
            org.springframework.core.convert.converter.Converter<Jwt, Collection<GrantedAuthority>> authorities) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(converter);
        return provider;
    }

    private static Collection<GrantedAuthority> roleAuthorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(ROLE_PREFIX + jwt.getClaimAsString(JwtDecoders.ROLE_CLAIM)));
        return authorities;
    }

    private static Collection<GrantedAuthority> callerAuthorities(Jwt jwt) {
        return List.of(new SimpleGrantedAuthority(CALLER_PREFIX + jwt.getClaimAsString("iss")));
    }

    private static AuthenticationManager refusing(String why) {
        return authentication -> {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token", why, null));
        };
    }
}
