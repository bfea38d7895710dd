package dev.arca.csv.testpki;

import dev.arca.csv.CsvVerificationException;
import dev.arca.csv.cert.CsvCertificate;
import dev.arca.csv.cert.HygonCaCertificate;
import dev.arca.csv.cert.KeyUsage;
import dev.arca.csv.cert.LittleEndian;
import dev.arca.csv.cert.Sm2PublicKey;
import dev.arca.csv.cert.Sm2Signature;
import dev.arca.csv.kds.HygonCertificateSource;
import dev.arca.model.json.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * A test Hygon PKI made on the spot with SM2 keys from Bouncy Castle: an HRK (self-signed), an HSK, a chip's CEK and
 * its PEK, in Hygon's binary certificate layouts, with the user ids Hygon's certificates carry. {@link Link} makes a
 * PKI in which one link is signed by a stranger's key instead, for the negative tests. Nothing here is Hygon's.
 */
public final class TestHygonPki {

    /** The chip id the test chip reports. */
    public static final String CHIP_ID = "TESTCHIP0001";

    /** The link of the chain a stranger signs instead of its rightful signer. */
    public enum Link {
        NONE, HRK, HSK, CEK, PEK, REPORT
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(GMNamedCurves.getByName("sm2p256v1"));

    private final Link broken;
    private final AsymmetricCipherKeyPair stranger = generate();
    private final AsymmetricCipherKeyPair hrkKey = generate();
    private final AsymmetricCipherKeyPair hskKey = generate();
    private final AsymmetricCipherKeyPair cekKey = generate();
    private final AsymmetricCipherKeyPair pekKey = generate();
    private final byte[] hrk;
    private final byte[] hsk;
    private final byte[] cek;
    private final byte[] pek;

    private TestHygonPki(Link broken) {
        this.broken = broken;
        byte[] hrkId = random(16);
        this.hrk = caCertificate(hrkId, hrkId, KeyUsage.HRK, hrkKey, "HYGON-SSD-HRK",
                signer(Link.HRK, hrkKey), "HYGON-SSD-HRK");
        this.hsk = caCertificate(random(16), hrkId, KeyUsage.HSK, hskKey, "HYGON-SSD-HSK",
                signer(Link.HSK, hrkKey), "HYGON-SSD-HRK");
        this.cek = csvCertificate(KeyUsage.CEK, cekKey, "HYGON-SSD-CEK", KeyUsage.HSK, signer(Link.CEK, hskKey),
                "HYGON-SSD-HSK");
        this.pek = csvCertificate(KeyUsage.PEK, pekKey, "HYGON-SSD-PEK", KeyUsage.CEK, signer(Link.PEK, cekKey),
                "HYGON-SSD-CEK");
    }

    public static TestHygonPki create() {
        return new TestHygonPki(Link.NONE);
    }

    /** A PKI whose {@code link} is signed by a stranger's key. */
    public static TestHygonPki brokenAt(Link link) {
        return new TestHygonPki(link);
    }

    public byte[] hrk() {
        return hrk.clone();
    }

    public byte[] hsk() {
        return hsk.clone();
    }

    public byte[] cek() {
        return cek.clone();
    }

    public byte[] pek() {
        return pek.clone();
    }

    /** HSK ‖ CEK, as Hygon's KDS serves them. */
    public byte[] hskCek() {
        byte[] out = Arrays.copyOf(hsk, hsk.length + cek.length);
        System.arraycopy(cek, 0, out, hsk.length, cek.length);
        return out;
    }

    /** The fingerprint to pin: the hex SHA-256 of this PKI's HRK. */
    public String hrkSha256() {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(hrk));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves this PKI's HRK, and its HSK and CEK for {@link #CHIP_ID} only (a stand-in for the offline folder). */
    public HygonCertificateSource source() {
        return new HygonCertificateSource() {
            @Override
            public byte[] hrk() {
                return TestHygonPki.this.hrk();
            }

            @Override
            public byte[] hskCek(String chipId) throws CsvVerificationException {
                if (!CHIP_ID.equals(chipId)) {
                    throw CsvVerificationException.unknownToSource("no HSK and CEK for chip " + chipId);
                }
                return TestHygonPki.this.hskCek();
            }
        };
    }

    /** The PEK's signature over a report's signed bytes (a stranger's when the REPORT link is broken). */
    byte[] signReport(byte[] signed) {
        return sign(signer(Link.REPORT, pekKey), "HYGON-SSD-PEK", signed).encode();
    }

    private AsymmetricCipherKeyPair signer(Link link, AsymmetricCipherKeyPair rightful) {
        return broken == link ? stranger : rightful;
    }

    private static byte[] caCertificate(byte[] keyId, byte[] signerId, int usage, AsymmetricCipherKeyPair key,
            String userId, AsymmetricCipherKeyPair signer, String signerUserId) {
        byte[] out = new byte[HygonCaCertificate.SIZE];
        LittleEndian.putU32(out, 0, 1);
        System.arraycopy(keyId, 0, out, 4, 16);
        System.arraycopy(signerId, 0, out, 20, 16);
        LittleEndian.putU32(out, 36, usage);
        System.arraycopy(publicKey(key).encode(), 0, out, 64, Sm2PublicKey.SIZE);
        putUserId(out, 212, userId);
        byte[] signature = sign(signer, signerUserId, Arrays.copyOf(out, 576)).encode();
        System.arraycopy(signature, 0, out, 576, Sm2Signature.SIZE);
        return out;
    }

    private static byte[] csvCertificate(int usage, AsymmetricCipherKeyPair key, String userId, int signerUsage,
            AsymmetricCipherKeyPair signer, String signerUserId) {
        byte[] out = new byte[CsvCertificate.SIZE];
        LittleEndian.putU32(out, 0, 1);
        out[4] = 1;
        out[5] = 3;
        LittleEndian.putU32(out, 8, usage);
        LittleEndian.putU32(out, 12, KeyUsage.SM2_SA);
        System.arraycopy(publicKey(key).encode(), 0, out, 16, Sm2PublicKey.SIZE);
        putUserId(out, 164, userId);
        byte[] body = Arrays.copyOf(out, 1044);
        LittleEndian.putU32(out, 1044, signerUsage);
        LittleEndian.putU32(out, 1048, KeyUsage.SM2_SA);
        System.arraycopy(sign(signer, signerUserId, body).encode(), 0, out, 1052, Sm2Signature.SIZE);
        if (usage == KeyUsage.PEK) {
            // the owner's (OCA) signature in the second slot, as real PEKs carry it
            LittleEndian.putU32(out, 1564, KeyUsage.OCA);
            LittleEndian.putU32(out, 1568, KeyUsage.SM2_SA);
            System.arraycopy(sign(generate(), "HYGON-SSD-OCA", body).encode(), 0, out, 1572, Sm2Signature.SIZE);
        }
        return out;
    }

    private static void putUserId(byte[] out, int offset, String userId) {
        byte[] id = userId.getBytes(StandardCharsets.US_ASCII);
        LittleEndian.putU16(out, offset, id.length);
        System.arraycopy(id, 0, out, offset + 2, id.length);
    }

    static Sm2PublicKey publicKey(AsymmetricCipherKeyPair key) {
        return Sm2PublicKey.of(((ECPublicKeyParameters) key.getPublic()).getQ());
    }

    static Sm2Signature sign(AsymmetricCipherKeyPair key, String userId, byte[] message) {
        SM2Signer signer = new SM2Signer(new SM3Digest());
        signer.init(true, new ParametersWithID(new ParametersWithRandom((ECPrivateKeyParameters) key.getPrivate(),
                RANDOM), userId.getBytes(StandardCharsets.US_ASCII)));
        signer.update(message, 0, message.length);
        try {
            ASN1Sequence der = ASN1Sequence.getInstance(signer.generateSignature());
            BigInteger r = ASN1Integer.getInstance(der.getObjectAt(0)).getValue();
            BigInteger s = ASN1Integer.getInstance(der.getObjectAt(1)).getValue();
            return new Sm2Signature(r, s);
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    static AsymmetricCipherKeyPair generate() {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(DOMAIN, RANDOM));
        return generator.generateKeyPair();
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
