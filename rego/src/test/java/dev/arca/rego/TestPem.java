package dev.arca.rego;

import java.io.StringWriter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM text of keys and certificates, as the crypto built-ins' tests hand them to policies. */
final class TestPem {

    private TestPem() {
    }

    /** The PEM blocks of the objects, in order (Bouncy Castle's writer: PKCS#1 for RSA key pairs, SEC1 for EC). */
    static String pem(Object... objects) throws Exception {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        }
        return out.toString();
    }
}
