package dev.arca.service.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.admin.VerificationKey;
import java.io.IOException;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code arca.admin.default-roles}: the role an admin token gets when it carries no {@code role} claim and was signed
 * by a given admin key. Older upstream kbs-client versions sign admin tokens with only {@code iat}, {@code nbf} and
 * {@code exp} (Trustee tools/kbs-client, jwt-simple {@code Claims::create}); this lets such a client keep working
 * without giving a role to every role-less token. Off by default: with no entry, a role-less token is refused.
 *
 * <p>The role is added to the claims after the signature check, so Spring Security's validators and the service's
 * rules (the superuser role, the KBS's ACL) judge it exactly like a claimed role. A token with a {@code role} member
 * of any value — blank, null, not a string — is left as it is, and refused as before.
 */
final class DefaultRoles {

    private record Entry(List<VerificationKey> keys, String role) {
    }

    private static final DefaultRoles NONE = new DefaultRoles(List.of());

    private final List<Entry> entries;

    private DefaultRoles(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static DefaultRoles of(List<AdminProperties.DefaultRole> configured) {
        if (configured.isEmpty()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        for (AdminProperties.DefaultRole entry : configured) {
            List<VerificationKey> keys = new ArrayList<>();
            try {
                for (PublicKey key : PemKeys.readPublicKeys(entry.publicKeyFile())) {
                    keys.add(VerificationKey.of(key));
                }
            } catch (IOException | IllegalArgumentException | JOSEException e) {
                throw new IllegalStateException("arca.admin.default-roles: cannot read " + entry.publicKeyFile() + ": "
                        + e.getMessage(), e);
            }
            entries.add(new Entry(keys, entry.role()));
        }
        return new DefaultRoles(entries);
    }

    /** The claims of a verified admin token, with the default role of the key that signed it when it has none. */
    JWTClaimsSet complete(SignedJWT jwt, JWTClaimsSet claims) {
        if (entries.isEmpty() || claims.getClaims().containsKey(JwtDecoders.ROLE_CLAIM)) {
            return claims;
        }
        for (Entry entry : entries) {
            for (VerificationKey key : entry.keys()) {
                if (key.algorithms().contains(jwt.getHeader().getAlgorithm()) && signedBy(jwt, key)) {
                    return new JWTClaimsSet.Builder(claims).claim(JwtDecoders.ROLE_CLAIM, entry.role()).build();
                }
            }
        }
        return claims;
    }

    private static boolean signedBy(SignedJWT jwt, VerificationKey key) {
        try {
            // the signature already verified with one trusted key; this asks whether it is this one
            return SignedJWT.parse(jwt.serialize()).verify(key.verifier());
        } catch (JOSEException | ParseException | IllegalStateException e) {
            return false;
        }
    }
}
