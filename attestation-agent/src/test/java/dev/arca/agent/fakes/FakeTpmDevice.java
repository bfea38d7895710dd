package dev.arca.agent.fakes;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * FAKE TPM 2.0 device — answers the TPM commands the agent sends over /dev/tpmrm0 (TPM 2.0 Library Part 3:
 * NV_ReadPublic, NV_Read, NV_Write, NV_DefineSpace, NV_UndefineSpace, Quote, PCR_Read, PCR_Extend, ReadPublic),
 * parsing each command as a TPM would and marshalling real answers: NV contents (e.g. a real Azure HCL report),
 * the PCR bank, and quotes: either a fixed TPMS_ATTEST and signature (e.g. a real vTPM's), or ones it makes itself
 * over the asked nonce and its PCRs and signs with an attestation key the test made (RSASSA, SHA-256). It records
 * what it was asked, so tests can check the agent's commands (nonce, written user data, extended digests).
 */
public final class FakeTpmDevice {

    static final int RC_SUCCESS = 0;
    static final int RC_HANDLE = 0x18B;
    static final int RC_COMMAND_CODE = 0x143;
    static final int RC_NV_DEFINED = 0x14C;

    /** What a quote command asked for. */
    public record QuoteRequest(int signHandle, byte[] qualifyingData, int scheme, int hashAlg, byte[] pcrSelect) {
    }

    /** A quote answer: the marshalled TPMS_ATTEST and the marshalled TPMT_SIGNATURE. */
    public record QuoteAnswer(byte[] attest, byte[] signature) {
    }

    private record NvIndex(int attributes, byte[] data) {
    }

    private final Map<Integer, NvIndex> nv = new HashMap<>();
    private final byte[][] pcrs = new byte[24][32];
    private final Map<Integer, RSAPublicKey> keys = new HashMap<>();
    private final Map<Integer, PrivateKey> signingKeys = new HashMap<>();
    private QuoteAnswer quoteAnswer;
    private final List<QuoteRequest> quotes = new ArrayList<>();
    private final List<byte[]> nvWrites = new ArrayList<>();
    private final List<Integer> commands = new ArrayList<>();

    public FakeTpmDevice nvIndex(int index, int attributes, byte[] data) {
        nv.put(index, new NvIndex(attributes, data.clone()));
        return this;
    }

    public FakeTpmDevice pcrs(List<byte[]> values) {
        for (int i = 0; i < values.size(); i++) {
            pcrs[i] = values.get(i).clone();
        }
        return this;
    }

    public FakeTpmDevice key(int handle, RSAPublicKey key) {
        keys.put(handle, key);
        return this;
    }

    /** An attestation key whose private half signs the quotes this TPM makes itself. */
    public FakeTpmDevice signingKey(int handle, KeyPair rsa) {
        keys.put(handle, (RSAPublicKey) rsa.getPublic());
        signingKeys.put(handle, rsa.getPrivate());
        return this;
    }

    public FakeTpmDevice quoteAnswer(byte[] attest, byte[] tpmtSignature) {
        quoteAnswer = new QuoteAnswer(attest.clone(), tpmtSignature.clone());
        return this;
    }

    public byte[] pcr(int index) {
        return pcrs[index].clone();
    }

    public byte[] nvData(int index) {
        NvIndex entry = nv.get(index);
        return entry == null ? null : entry.data().clone();
    }

    public List<QuoteRequest> quotes() {
        return quotes;
    }

    public List<byte[]> nvWrites() {
        return nvWrites;
    }

    public List<Integer> commands() {
        return commands;
    }

    /** TPMT_SIGNATURE for an RSASSA-SHA256 signature. */
    public static byte[] rsassaSignature(byte[] signature) {
        return ByteBuffer.allocate(6 + signature.length).putShort((short) 0x0014).putShort((short) 0x000B)
                .putShort((short) signature.length).put(signature).array();
    }

    /** A channel like the kernel's TPM device: a whole command per write, its response on the next read. */
    ByteChannel open() {
        return new ByteChannel() {
            private ByteBuffer response;
            private boolean open = true;

            @Override
            public int write(ByteBuffer src) {
                byte[] command = new byte[src.remaining()];
                src.get(command);
                response = ByteBuffer.wrap(execute(command));
                return command.length;
            }

            @Override
            public int read(ByteBuffer dst) {
                if (response == null || !response.hasRemaining()) {
                    return -1;
                }
                int n = Math.min(dst.remaining(), response.remaining());
                byte[] chunk = new byte[n];
                response.get(chunk);
                dst.put(chunk);
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }

    synchronized byte[] execute(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int tag = Short.toUnsignedInt(in.getShort());
        int size = in.getInt();
        int code = in.getInt();
        commands.add(code);
        if (size != bytes.length || (tag != 0x8001 && tag != 0x8002)) {
            return error(0x01E); // TPM_RC_BAD_TAG-ish: malformed command
        }
        try {
            return switch (code) {
                case 0x169 -> nvReadPublic(in);
                case 0x14E -> nvRead(in);
                case 0x137 -> nvWrite(in);
                case 0x12A -> nvDefineSpace(in);
                case 0x122 -> nvUndefineSpace(in);
                case 0x158 -> quote(in);
                case 0x17E -> pcrRead(in);
                case 0x182 -> pcrExtend(in);
                case 0x173 -> readPublic(in);
                default -> error(RC_COMMAND_CODE);
            };
        } catch (RuntimeException e) {
            return error(0x095); // TPM_RC_INSUFFICIENT: a short or malformed parameter area
        }
    }

    private byte[] nvReadPublic(ByteBuffer in) {
        int index = in.getInt();
        NvIndex entry = nv.get(index);
        if (entry == null) {
            return error(RC_HANDLE);
        }
        byte[] nvPublic = ByteBuffer.allocate(14).putInt(index).putShort((short) 0x000B).putInt(entry.attributes())
                .putShort((short) 0).putShort((short) entry.data().length).array();
        byte[] name = new byte[34];
        name[1] = 0x0B;
        return plain(ByteBuffer.allocate(2 + nvPublic.length + 2 + name.length).putShort((short) nvPublic.length)
                .put(nvPublic).putShort((short) name.length).put(name).array());
    }

    private byte[] nvRead(ByteBuffer in) {
        in.getInt(); // auth handle
        int index = in.getInt();
        skipAuthorization(in);
        int size = Short.toUnsignedInt(in.getShort());
        int offset = Short.toUnsignedInt(in.getShort());
        NvIndex entry = nv.get(index);
        if (entry == null) {
            return error(RC_HANDLE);
        }
        if (size > 1024 || offset + size > entry.data().length) {
            return error(0x084); // TPM_RC_VALUE
        }
        byte[] data = Arrays.copyOfRange(entry.data(), offset, offset + size);
        return withSessions(ByteBuffer.allocate(2 + size).putShort((short) size).put(data).array());
    }

    private byte[] nvWrite(ByteBuffer in) {
        in.getInt();
        int index = in.getInt();
        skipAuthorization(in);
        byte[] data = sized(in);
        int offset = Short.toUnsignedInt(in.getShort());
        NvIndex entry = nv.get(index);
        if (entry == null) {
            return error(RC_HANDLE);
        }
        if (offset + data.length > entry.data().length) {
            return error(0x084);
        }
        nvWrites.add(data.clone());
        System.arraycopy(data, 0, entry.data(), offset, data.length);
        return withSessions(new byte[0]);
    }

    private byte[] nvDefineSpace(ByteBuffer in) {
        in.getInt();
        skipAuthorization(in);
        sized(in); // auth value
        ByteBuffer nvPublic = ByteBuffer.wrap(sized(in));
        int index = nvPublic.getInt();
        nvPublic.getShort();
        int attributes = nvPublic.getInt();
        sized(nvPublic);
        int dataSize = Short.toUnsignedInt(nvPublic.getShort());
        if (nv.containsKey(index)) {
            return error(RC_NV_DEFINED);
        }
        nv.put(index, new NvIndex(attributes, new byte[dataSize]));
        return withSessions(new byte[0]);
    }

    private byte[] nvUndefineSpace(ByteBuffer in) {
        in.getInt();
        int index = in.getInt();
        skipAuthorization(in);
        return nv.remove(index) == null ? error(RC_HANDLE) : withSessions(new byte[0]);
    }

    private byte[] quote(ByteBuffer in) {
        int handle = in.getInt();
        skipAuthorization(in);
        byte[] qualifyingData = sized(in);
        int scheme = Short.toUnsignedInt(in.getShort());
        int hash = scheme == 0x0010 ? 0 : Short.toUnsignedInt(in.getShort());
        if (in.getInt() != 1) {
            return error(0x084);
        }
        in.getShort();
        byte[] select = new byte[Byte.toUnsignedInt(in.get())];
        in.get(select);
        QuoteAnswer answer = quoteAnswer;
        if (answer == null && signingKeys.containsKey(handle)) {
            answer = sign(signingKeys.get(handle), attest(qualifyingData, select));
        }
        if (!keys.containsKey(handle) || answer == null) {
            return error(RC_HANDLE);
        }
        quotes.add(new QuoteRequest(handle, qualifyingData, scheme, hash, select));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) answer.attest().length).array());
        out.writeBytes(answer.attest());
        out.writeBytes(answer.signature());
        return withSessions(out.toByteArray());
    }

    /**
     * TPMS_ATTEST of a quote (TPM 2.0 Library Part 2): magic, TPM_ST_ATTEST_QUOTE, qualified signer, the nonce as
     * extraData, clock info, firmware version, then TPMS_QUOTE_INFO — the SHA-256 PCR selection and the SHA-256 of
     * the selected PCRs in ascending order.
     */
    private byte[] attest(byte[] nonce, byte[] select) {
        MessageDigest pcrDigest = sha256();
        for (int i = 0; i < select.length * 8 && i < pcrs.length; i++) {
            if ((select[i / 8] & 1 << (i % 8)) != 0) {
                pcrDigest.update(pcrs[i]);
            }
        }
        ByteBuffer out = ByteBuffer.allocate(4 + 2 + 36 + 2 + nonce.length + 17 + 8 + 4 + 3 + select.length + 34);
        out.putInt(0xFF544347).putShort((short) 0x8018);
        out.putShort((short) 34).putShort((short) 0x000B).put(new byte[32]); // qualified signer (a name)
        out.putShort((short) nonce.length).put(nonce);
        out.putLong(4242).putInt(1).putInt(0).put((byte) 1); // clock, reset and restart counts, safe
        out.putLong(0x0001_0002_0003_0004L); // firmware version
        out.putInt(1).putShort((short) 0x000B).put((byte) select.length).put(select);
        out.putShort((short) 32).put(pcrDigest.digest());
        return out.array();
    }

    private static QuoteAnswer sign(PrivateKey key, byte[] attest) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(attest);
            return new QuoteAnswer(attest, rsassaSignature(rsa.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] pcrRead(ByteBuffer in) {
        int banks = in.getInt();
        List<Integer> asked = new ArrayList<>();
        for (int b = 0; b < banks; b++) {
            int alg = Short.toUnsignedInt(in.getShort());
            byte[] select = new byte[Byte.toUnsignedInt(in.get())];
            in.get(select);
            for (int i = 0; i < select.length * 8 && alg == 0x000B; i++) {
                if ((select[i / 8] & 1 << (i % 8)) != 0) {
                    asked.add(i);
                }
            }
        }
        List<Integer> answered = asked.subList(0, Math.min(8, asked.size()));
        byte[] select = new byte[3];
        answered.forEach(i -> select[i / 8] |= (byte) (1 << (i % 8)));
        ByteBuffer out = ByteBuffer.allocate(4 + 4 + 2 + 1 + 3 + 4 + answered.size() * 34);
        out.putInt(42).putInt(1).putShort((short) 0x000B).put((byte) 3).put(select).putInt(answered.size());
        answered.forEach(i -> out.putShort((short) 32).put(pcrs[i]));
        return plain(out.array());
    }

    private byte[] pcrExtend(ByteBuffer in) {
        int pcr = in.getInt();
        skipAuthorization(in);
        int count = in.getInt();
        for (int i = 0; i < count; i++) {
            int alg = Short.toUnsignedInt(in.getShort());
            if (alg != 0x000B) {
                return error(0x084);
            }
            byte[] digest = new byte[32];
            in.get(digest);
            if (pcr < 0 || pcr > 23) {
                return error(RC_HANDLE);
            }
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                sha256.update(pcrs[pcr]);
                sha256.update(digest);
                pcrs[pcr] = sha256.digest();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return withSessions(new byte[0]);
    }

    private byte[] readPublic(ByteBuffer in) {
        RSAPublicKey key = keys.get(in.getInt());
        if (key == null) {
            return error(RC_HANDLE);
        }
        byte[] modulus = unsigned(key.getModulus());
        long exponent = key.getPublicExponent().longValueExact();
        ByteBuffer area = ByteBuffer.allocate(2 + 2 + 4 + 2 + 2 + 4 + 2 + 4 + 2 + modulus.length);
        area.putShort((short) 0x0001).putShort((short) 0x000B).putInt(0x00050072).putShort((short) 0);
        area.putShort((short) 0x0010); // symmetric: NULL
        area.putShort((short) 0x0014).putShort((short) 0x000B); // scheme: RSASSA with SHA-256
        area.putShort((short) (modulus.length * 8)); // keyBits
        area.putInt(exponent == 65537 ? 0 : (int) exponent);
        area.putShort((short) modulus.length).put(modulus);
        byte[] name = new byte[34];
        return plain(ByteBuffer.allocate(2 + area.capacity() + 2 + name.length + 2 + name.length)
                .putShort((short) area.capacity()).put(area.array()).putShort((short) name.length).put(name)
                .putShort((short) name.length).put(name).array());
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static void skipAuthorization(ByteBuffer in) {
        int size = in.getInt();
        int end = in.position() + size;
        if (in.getInt() != 0x40000009) {
            throw new IllegalArgumentException("only password sessions");
        }
        in.position(end);
    }

    private static byte[] sized(ByteBuffer in) {
        byte[] data = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(data);
        return data;
    }

    private static byte[] error(int rc) {
        return ByteBuffer.allocate(10).putShort((short) 0x8001).putInt(10).putInt(rc).array();
    }

    private static byte[] plain(byte[] parameters) {
        return ByteBuffer.allocate(10 + parameters.length).putShort((short) 0x8001).putInt(10 + parameters.length)
                .putInt(RC_SUCCESS).put(parameters).array();
    }

    /** A TPM_ST_SESSIONS answer: parameter size, parameters, one password-session acknowledgement. */
    private static byte[] withSessions(byte[] parameters) {
        byte[] auth = {0, 0, 1, 0, 0};
        return ByteBuffer.allocate(10 + 4 + parameters.length + auth.length).putShort((short) 0x8002)
                .putInt(10 + 4 + parameters.length + auth.length).putInt(RC_SUCCESS).putInt(parameters.length)
                .put(parameters).put(auth).array();
    }
}
