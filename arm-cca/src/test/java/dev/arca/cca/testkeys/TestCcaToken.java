package dev.arca.cca.testkeys;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.upokecenter.cbor.CBORObject;
import dev.arca.model.json.Hex;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Synthetic CCA tokens signed by test keys (a test CPAK and RAK made here), so every verification path runs in a fresh
 * clone without the spec example token. Each builder method changes one thing from a valid token; the stores
 * ({@link #trustAnchorStoreJson()}, {@link #referenceValueStoreJson()}) affirm the unchanged token.
 */
public final class TestCcaToken {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    public static final byte[] IMPLEMENTATION_ID = filled(32, 0x11);
    public static final byte[] INSTANCE_ID = concat(new byte[] {0x01}, filled(32, 0x22));
    public static final byte[] CONFIG = {(byte) 0xcf, (byte) 0xcf};
    public static final byte[] COMPONENT = filled(32, 0x33);
    public static final byte[] SIGNER = filled(32, 0x44);
    public static final byte[] RIM = filled(64, 0x55);
    public static final byte[] REM = new byte[64];

    private final KeyPair cpak;
    private final KeyPair rak;
    private byte[] challenge = filled(64, 0x66);
    private byte[] personalization = new byte[64];
    private byte[] rim = RIM;
    private byte[] component = COMPONENT;
    private boolean bindRak = true;
    private KeyPair platformSigner;
    private KeyPair realmSigner;

    public TestCcaToken() {
        this.cpak = p384();
        this.rak = p384();
        this.platformSigner = cpak;
        this.realmSigner = rak;
    }

    public TestCcaToken challenge(byte[] value) {
        this.challenge = value;
        return this;
    }

    public TestCcaToken personalization(byte[] value) {
        this.personalization = value;
        return this;
    }

    public TestCcaToken rim(byte[] value) {
        this.rim = value;
        return this;
    }

    public TestCcaToken component(byte[] value) {
        this.component = value;
        return this;
    }

    /** The platform challenge is not the RAK's hash. */
    public TestCcaToken unboundRak() {
        this.bindRak = false;
        return this;
    }

    /** The platform token is signed by another key than the CPAK of the store. */
    public TestCcaToken platformSignedByStranger() {
        this.platformSigner = p384();
        return this;
    }

    /** The realm token is signed by another key than the RAK it carries. */
    public TestCcaToken realmSignedByStranger() {
        this.realmSigner = p384();
        return this;
    }

    public byte[] challenge() {
        return challenge.clone();
    }

    public byte[] build() {
        byte[] rakPoint = uncompressed((ECPublicKey) rak.getPublic());
        byte[] rakHash = sha256(rakPoint);
        if (!bindRak) {
            rakHash[0] ^= 1;
        }
        CBORObject sw = CBORObject.NewMap().Add(1, "BL").Add(2, component).Add(5, SIGNER).Add(6, "sha-256");
        CBORObject platform = CBORObject.NewMap()
                .Add(265, "http://arm.com/CCA-SSD/1.0.0")
                .Add(10, rakHash)
                .Add(256, INSTANCE_ID)
                .Add(2395, 0x3003)
                .Add(2396, IMPLEMENTATION_ID)
                .Add(2399, CBORObject.NewArray().Add(sw))
                .Add(2401, CONFIG)
                .Add(2402, "sha-256");
        CBORObject rems = CBORObject.NewArray();
        for (int i = 0; i < 4; i++) {
            rems.Add(REM);
        }
        CBORObject realm = CBORObject.NewMap()
                .Add(10, challenge)
                .Add(44235, personalization)
                .Add(44236, "sha-512")
                .Add(44237, rakPoint)
                .Add(44238, rim)
                .Add(44239, rems)
                .Add(44240, "sha-256");
        CBORObject collection = CBORObject.NewMap()
                .Add(44234, sign1(platform.EncodeToBytes(), platformSigner.getPrivate()))
                .Add(44241, sign1(realm.EncodeToBytes(), realmSigner.getPrivate()));
        return CBORObject.FromObjectAndTag(collection, 399).EncodeToBytes();
    }

    public String trustAnchorStoreJson() {
        ECKey jwk = new ECKey.Builder(Curve.P_384, (ECPublicKey) cpak.getPublic()).build();
        return "[{\"implementation-id\": \"" + Hex.of(IMPLEMENTATION_ID) + "\", \"instance-id\": \""
                + Hex.of(INSTANCE_ID) + "\", \"pkey\": " + jwk.toJSONString() + "}]";
    }

    public static String referenceValueStoreJson() {
        String rem = "\"" + Hex.of(REM) + "\"";
        return "{\"platform\": [{\"implementation-id\": \"" + Hex.of(IMPLEMENTATION_ID) + "\", \"sw-components\": "
                + "[{\"measurement-value\": \"" + Hex.of(COMPONENT) + "\", \"signer-id\": \"" + Hex.of(SIGNER)
                + "\", \"component-type\": \"BL\"}], \"platform-configuration\": \"" + Hex.of(CONFIG) + "\"}], "
                + "\"realm\": [{\"initial-measurement\": \"" + Hex.of(RIM) + "\", \"rak-hash-algorithm\": "
                + "\"sha-256\", \"extensible-measurements\": [" + String.join(", ", List.of(rem, rem, rem, rem))
                + "], \"personalization-value\": \"" + Hex.of(new byte[64]) + "\"}]}";
    }

    private static byte[] sign1(byte[] payload, PrivateKey key) {
        byte[] protectedHeader = CBORObject.NewMap().Add(1, -35).EncodeToBytes();
        byte[] toBeSigned = CBORObject.NewArray().Add("Signature1").Add(protectedHeader).Add(new byte[0])
                .Add(payload).EncodeToBytes();
        try {
            Signature signer = Signature.getInstance("SHA384withPLAIN-ECDSA", BC);
            signer.initSign(key);
            signer.update(toBeSigned);
            CBORObject sign1 = CBORObject.NewArray().Add(protectedHeader).Add(CBORObject.NewMap()).Add(payload)
                    .Add(signer.sign());
            return CBORObject.FromObjectAndTag(sign1, 18).EncodeToBytes();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair p384() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp384r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] uncompressed(ECPublicKey key) {
        byte[] x = fixed(key.getW().getAffineX().toByteArray());
        byte[] y = fixed(key.getW().getAffineY().toByteArray());
        return concat(new byte[] {0x04}, concat(x, y));
    }

    private static byte[] fixed(byte[] unsigned) {
        byte[] out = new byte[48];
        int copy = Math.min(48, unsigned.length);
        System.arraycopy(unsigned, unsigned.length - copy, out, 48 - copy, copy);
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
