package dev.arca.kbs.token;

import dev.arca.model.admin.JwkSetCache;
import dev.arca.kbs.jwks.JwkSetLocations;
import dev.arca.kbs.upstream.AttestationServiceClient;
import dev.arca.kbs.upstream.UpstreamHttp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the trust in attestation tokens from {@code arca.kbs.token.*} (Trustee attestation_token_verification.md;
 * Trustee KBS config.md) and refuses to start without any trusted verification material, as upstream does since
 * 2026-03.
 */
@Configuration(proxyBeanMethods = false)
public class TokenTrustConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TokenTrustConfiguration.class);

    @Bean
    public TrustedJwkSets trustedJwkSets(TokenProperties token, AttestationServiceClient attestationService,
            UpstreamHttp http, Clock clock) {
        List<JwkSetCache> sets = new ArrayList<>();
        if (token.trustAttestationService()) {
            sets.add(new JwkSetCache("the attestation service", attestationService::jwks, clock,
                    token.jwksRefetchInterval()));
        }
        for (String location : token.trustedJwks()) {
            sets.add(new JwkSetCache(location, JwkSetLocations.fetcher(location, http), clock,
                    token.jwksRefetchInterval()));
        }
        return new TrustedJwkSets(sets);
    }

    @Bean
    public X5cChainValidator x5cChainValidator(TokenProperties token, Clock clock) {
        return X5cChainValidator.fromPemFiles(token.trustedCerts(), clock);
    }

    @Bean
    public TokenVerifier tokenVerifier(TrustedJwkSets jwks, X5cChainValidator chains, TokenProperties token,
            Clock clock) {
        if (jwks.isEmpty() && !chains.configured() && !token.insecureHeaderJwk()) {
            throw new IllegalStateException("no trusted verification material for attestation tokens: enable "
                    + "arca.kbs.token.trust-attestation-service, or set arca.kbs.token.trusted-jwks or "
                    + "arca.kbs.token.trusted-certs");
        }
        if (token.insecureHeaderJwk()) {
            log.warn("""
                    *****************************************************************************************
                    INSECURE: arca.kbs.token.insecure-header-jwk=true — attestation tokens signed by the key in
                    their own header are accepted. Anyone can mint such a token and obtain every secret the
                    resource policy releases. Development only; never in production.
                    *****************************************************************************************""");
        }
        return new TokenVerifier(jwks, chains, new TeeKeyLocator(token.extraTeePubkeyPaths()), clock, token);
    }
}
