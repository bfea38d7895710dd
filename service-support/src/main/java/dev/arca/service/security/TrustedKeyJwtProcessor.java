package dev.arca.service.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.JWTProcessor;
import dev.arca.model.admin.VerificationKey;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The signature step of a {@link org.springframework.security.oauth2.jwt.NimbusJwtDecoder}: a JWS whose header
 * {@code alg} is one its key allows and that one of the trusted keys verifies (Nimbus's verifiers do the crypto).
 * Unsigned ({@code alg: none}) and encrypted tokens are refused; so is an HMAC token, since no trusted key allows an
 * {@code HS*} algorithm, whatever key material the header names. Claims are then validated by Spring Security's
 * validators (see {@link JwtDecoders}).
 *
 * <p>Nimbus's own key selectors return {@code java.security.Key}s, which an Ed25519 JWK cannot become; the project's
 * {@link VerificationKey} carries a ready verifier for every supported key type instead.
 */
final class TrustedKeyJwtProcessor implements JWTProcessor<SecurityContext> {

    private final Function<SignedJWT, List<VerificationKey>> candidates;
    private final BiFunction<SignedJWT, JWTClaimsSet, JWTClaimsSet> completion;
    private final VerifiedSignatures verified;

    /** @param candidates the keys that may have signed a token (by its header kid or its claimed issuer) */
    TrustedKeyJwtProcessor(Function<SignedJWT, List<VerificationKey>> candidates) {
        this(candidates, (jwt, claims) -> claims, null);
    }

    /**
     * @param completion what the claims of a token whose signature verified become before Spring Security's
     *                   validators see them (the admin decoder's {@link DefaultRoles})
     */
    TrustedKeyJwtProcessor(Function<SignedJWT, List<VerificationKey>> candidates,
            BiFunction<SignedJWT, JWTClaimsSet, JWTClaimsSet> completion) {
        this(candidates, completion, null);
    }

    /**
     * @param verified where tokens already verified are remembered; only for candidates fixed for the process's life,
     *                 null to verify every token afresh
     */
    TrustedKeyJwtProcessor(Function<SignedJWT, List<VerificationKey>> candidates, VerifiedSignatures verified) {
        this(candidates, (jwt, claims) -> claims, verified);
    }

    private TrustedKeyJwtProcessor(Function<SignedJWT, List<VerificationKey>> candidates,
            BiFunction<SignedJWT, JWTClaimsSet, JWTClaimsSet> completion, VerifiedSignatures verified) {
        this.candidates = candidates;
        this.completion = completion;
        this.verified = verified;
    }

    @Override
    public JWTClaimsSet process(String token, SecurityContext context) throws ParseException, BadJOSEException {
        return process(JWTParser.parse(token), context);
    }

    @Override
    public JWTClaimsSet process(JWT jwt, SecurityContext context) throws BadJOSEException {
        if (jwt instanceof SignedJWT signed) {
            return process(signed, context);
        }
        throw new BadJOSEException("the token is not signed");
    }

    @Override
    public JWTClaimsSet process(PlainJWT jwt, SecurityContext context) throws BadJOSEException {
        throw new BadJOSEException("the token is not signed");
    }

    @Override
    public JWTClaimsSet process(EncryptedJWT jwt, SecurityContext context) throws BadJOSEException {
        throw new BadJOSEException("encrypted tokens are not accepted");
    }

    @Override
    public JWTClaimsSet process(SignedJWT jwt, SecurityContext context) throws BadJOSEException {
        String text = jwt.getParsedString();
        if (verified != null && text != null) {
            Optional<JWTClaimsSet> known = verified.find(text);
            if (known.isPresent()) {
                return known.get();
            }
        }
        JWTClaimsSet claims = verify(jwt);
        if (verified != null && text != null) {
            verified.add(text, claims);
        }
        return claims;
    }

    private JWTClaimsSet verify(SignedJWT jwt) throws BadJOSEException {
        for (VerificationKey key : candidates.apply(jwt)) {
            if (!key.algorithms().contains(jwt.getHeader().getAlgorithm())) {
                continue;
            }
            try {
                if (jwt.verify(key.verifier())) {
                    return completion.apply(jwt, jwt.getJWTClaimsSet());
                }
            } catch (JOSEException | IllegalStateException | ParseException notThisKey) {
                // fail closed: this key does not verify the token
            }
        }
        throw new BadJWSException("the token is not signed by a trusted key");
    }
}
