package dev.arca.cca;

import dev.arca.cca.token.CcaToken;
import dev.arca.cca.token.PlatformClaims;
import dev.arca.cca.token.RealmClaims;

/** A CCA token whose signatures, RAK binding, challenge, personalization value and reference values all verified. */
public record VerifiedCcaToken(CcaToken token) {

    public PlatformClaims platform() {
        return token.platformClaims();
    }

    public RealmClaims realm() {
        return token.realmClaims();
    }
}
