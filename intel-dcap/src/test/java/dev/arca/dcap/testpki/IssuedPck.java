package dev.arca.dcap.testpki;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A PCK leaf issued by the {@link TestPki} with its private key (what the platform's PCE holds and signs QE reports
 * with) and its chain (leaf, PCK CA, root).
 */
public record IssuedPck(X509Certificate leaf, PrivateKey key, List<X509Certificate> chain) {

    public IssuedPck {
        chain = List.copyOf(chain);
    }

    public BigInteger serial() {
        return leaf.getSerialNumber();
    }

    /** The certification data type 5 payload: PEM leaf, PCK CA and root. */
    public byte[] chainPem() {
        return TestPki.pem(chain).getBytes(StandardCharsets.UTF_8);
    }
}
