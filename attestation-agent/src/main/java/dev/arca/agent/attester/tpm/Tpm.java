package dev.arca.agent.attester.tpm;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The TPM 2.0 commands the attesters need (TPM 2.0 Library Part 3), marshalled by hand over a {@link TpmTransport}:
 * NV_ReadPublic, NV_Read, NV_Write, NV_DefineSpace, NV_UndefineSpace, Quote, PCR_Read, PCR_Extend, ReadPublic.
 * Authorizations use the empty password session, which is how the Azure vTPM and a provisioned AK are used.
 */
public final class Tpm {

    /** Bytes per NV_Read/NV_Write: TPM_PT_NV_BUFFER_MAX is at least 1024 on PC-client TPMs and the Azure vTPM. */
    static final int NV_CHUNK = 1024;
    /** TPML_DIGEST holds at most 8 digests, so one PCR_Read returns at most 8 PCRs. */
    static final int PCRS_PER_READ = 8;
    static final int PCR_COUNT = 24;

    private final TpmTransport transport;

    public Tpm(TpmTransport transport) {
        this.transport = transport;
    }

    /** TPMS_NV_PUBLIC of an NV index. */
    public record NvPublic(int index, int nameAlg, int attributes, int dataSize) {
    }

    /**
     * A quote: the marshalled TPMS_ATTEST, the marshalled TPMT_SIGNATURE, and the bare RSA signature when the
     * scheme is RSASSA/RSAPSS (what the Azure evidence carries).
     */
    public record Quote(byte[] attest, byte[] signatureStructure, byte[] rsaSignature) {
    }

    public NvPublic nvReadPublic(int index) throws TpmException {
        TpmResponse response = call("NV_ReadPublic", TpmCommand.withoutSessions(Tpm2.CC_NV_READ_PUBLIC).handle(index));
        int size = response.u16();
        int start = response.position();
        int nvIndex = response.u32();
        int nameAlg = response.u16();
        int attributes = response.u32();
        response.sized(); // authPolicy
        int dataSize = response.u16();
        if (response.position() - start != size) {
            throw new TpmException("NV_ReadPublic: TPM2B_NV_PUBLIC size mismatch");
        }
        return new NvPublic(nvIndex, nameAlg, attributes, dataSize);
    }

    /** Reads a whole NV index in chunks, authorized by {@code authHandle} (the owner or the index itself). */
    public byte[] nvRead(int authHandle, int index, int size) throws TpmException {
        ByteArrayOutputStream data = new ByteArrayOutputStream(size);
        while (data.size() < size) {
            int chunk = Math.min(NV_CHUNK, size - data.size());
            TpmResponse response = call("NV_Read", TpmCommand.withPassword(Tpm2.CC_NV_READ)
                    .handle(authHandle).handle(index).u16(chunk).u16(data.size()));
            byte[] part = response.sized();
            if (part.length != chunk) {
                throw new TpmException("NV_Read returned " + part.length + " bytes, asked for " + chunk);
            }
            data.writeBytes(part);
        }
        return data.toByteArray();
    }

    public void nvWrite(int authHandle, int index, byte[] data) throws TpmException {
        for (int offset = 0; offset < data.length; offset += NV_CHUNK) {
            byte[] chunk = Arrays.copyOfRange(data, offset, Math.min(data.length, offset + NV_CHUNK));
            call("NV_Write", TpmCommand.withPassword(Tpm2.CC_NV_WRITE)
                    .handle(authHandle).handle(index).sized(chunk).u16(offset));
        }
    }

    /** Defines an ordinary NV index with an empty auth value, name algorithm SHA-256, no policy. */
    public void nvDefineSpace(int authHandle, int index, int attributes, int size) throws TpmException {
        byte[] nvPublic = TpmCommand.structure()
                .u32(index).u16(Tpm2.ALG_SHA256).u32(attributes).sized(new byte[0]).u16(size).parameterBytes();
        call("NV_DefineSpace", TpmCommand.withPassword(Tpm2.CC_NV_DEFINE_SPACE)
                .handle(authHandle).sized(new byte[0]).sized(nvPublic));
    }

    public void nvUndefineSpace(int authHandle, int index) throws TpmException {
        call("NV_UndefineSpace", TpmCommand.withPassword(Tpm2.CC_NV_UNDEFINE_SPACE).handle(authHandle).handle(index));
    }

    /** How a quote is to be signed: with the key's own scheme, or RSASSA with SHA-256. */
    public enum SignScheme {
        KEY_DEFAULT, RSASSA_SHA256
    }

    /**
     * Quotes the given PCRs of the SHA-256 bank with the key at {@code signHandle} and {@code qualifyingData} as
     * the nonce ({@code extraData} of the TPMS_ATTEST).
     */
    public Quote quote(int signHandle, byte[] qualifyingData, int[] pcrs, SignScheme scheme) throws TpmException {
        if (qualifyingData.length > 64) {
            throw new TpmException("TPM quote qualifying data is at most 64 bytes, got " + qualifyingData.length);
        }
        TpmCommand command = TpmCommand.withPassword(Tpm2.CC_QUOTE).handle(signHandle).sized(qualifyingData);
        if (scheme == SignScheme.RSASSA_SHA256) {
            command.u16(Tpm2.ALG_RSASSA).u16(Tpm2.ALG_SHA256);
        } else {
            command.u16(Tpm2.ALG_NULL);
        }
        pcrSelection(command, Tpm2.ALG_SHA256, pcrs);
        TpmResponse response = call("Quote", command);
        byte[] attest = response.sized();
        int start = response.position();
        int sigAlg = response.u16();
        byte[] rsa = null;
        switch ((short) sigAlg) {
            case Tpm2.ALG_RSASSA, Tpm2.ALG_RSAPSS -> {
                response.u16();
                rsa = response.sized();
            }
            case Tpm2.ALG_ECDSA -> {
                response.u16();
                response.sized();
                response.sized();
            }
            default -> throw new TpmException("Quote: unsupported signature algorithm 0x"
                    + Integer.toHexString(sigAlg));
        }
        return new Quote(attest, response.slice(start), rsa);
    }

    /** The values of {@code pcrs} in the given bank, in the order asked, reading at most 8 per command. */
    public List<byte[]> pcrRead(short hashAlg, int[] pcrs) throws TpmException {
        Map<Integer, byte[]> values = new TreeMap<>();
        List<Integer> pending = new ArrayList<>();
        for (int pcr : pcrs) {
            checkPcr(pcr);
            pending.add(pcr);
        }
        while (!pending.isEmpty()) {
            int[] ask = pending.stream().limit(PCRS_PER_READ).mapToInt(Integer::intValue).toArray();
            TpmCommand command = TpmCommand.withoutSessions(Tpm2.CC_PCR_READ);
            pcrSelection(command, hashAlg, ask);
            TpmResponse response = call("PCR_Read", command);
            response.u32(); // pcrUpdateCounter
            List<Integer> returned = readSelection(response, hashAlg);
            int count = response.u32();
            if (count != returned.size() || count == 0) {
                throw new TpmException("PCR_Read returned " + count + " digests for " + returned.size() + " PCRs");
            }
            for (int pcr : returned) {
                byte[] digest = response.sized();
                if (!pending.remove(Integer.valueOf(pcr))) {
                    throw new TpmException("PCR_Read returned PCR " + pcr + ", which was not asked for");
                }
                values.put(pcr, digest);
            }
        }
        List<byte[]> ordered = new ArrayList<>();
        for (int pcr : pcrs) {
            ordered.add(values.get(pcr));
        }
        return ordered;
    }

    public void pcrExtend(int pcr, short hashAlg, byte[] digest) throws TpmException {
        checkPcr(pcr);
        call("PCR_Extend", TpmCommand.withPassword(Tpm2.CC_PCR_EXTEND).handle(pcr)
                .u32(1).u16(hashAlg).bytes(digest));
    }

    /** The public part of an RSA key (e.g. the attestation key) as a JCA key. */
    public RSAPublicKey readRsaPublic(int handle) throws TpmException {
        TpmResponse response = call("ReadPublic", TpmCommand.withoutSessions(Tpm2.CC_READ_PUBLIC).handle(handle));
        response.u16(); // TPM2B_PUBLIC size
        int type = response.u16();
        if (type != Tpm2.ALG_RSA) {
            throw new TpmException("key 0x" + Integer.toHexString(handle) + " is not an RSA key (type 0x"
                    + Integer.toHexString(type) + ")");
        }
        response.u16(); // nameAlg
        response.u32(); // objectAttributes
        response.sized(); // authPolicy
        if ((short) response.u16() != Tpm2.ALG_NULL) { // symmetric: keyBits, mode follow
            response.u16();
            response.u16();
        }
        if ((short) response.u16() != Tpm2.ALG_NULL) { // scheme: hashAlg follows
            response.u16();
        }
        response.u16(); // keyBits
        long exponent = Integer.toUnsignedLong(response.u32());
        byte[] modulus = response.sized();
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, modulus), BigInteger.valueOf(exponent == 0 ? 65537 : exponent)));
        } catch (GeneralSecurityException e) {
            throw new TpmException("key 0x" + Integer.toHexString(handle) + " is not a usable RSA key", 0, e);
        }
    }

    /** TPML_PCR_SELECTION with one bank and a 3-byte select bitmap (PCRs 0–23). */
    static void pcrSelection(TpmCommand command, short hashAlg, int[] pcrs) throws TpmException {
        byte[] select = new byte[3];
        for (int pcr : pcrs) {
            checkPcr(pcr);
            select[pcr / 8] |= (byte) (1 << (pcr % 8));
        }
        command.u32(1).u16(hashAlg).u8(select.length).bytes(select);
    }

    private static List<Integer> readSelection(TpmResponse response, short hashAlg) throws TpmException {
        int banks = response.u32();
        List<Integer> pcrs = new ArrayList<>();
        for (int b = 0; b < banks; b++) {
            int alg = response.u16();
            byte[] select = response.read(response.u8());
            if ((short) alg != hashAlg) {
                continue;
            }
            for (int i = 0; i < select.length * 8; i++) {
                if ((select[i / 8] & 1 << (i % 8)) != 0) {
                    pcrs.add(i);
                }
            }
        }
        return pcrs;
    }

    static void checkPcr(int pcr) throws TpmException {
        if (pcr < 0 || pcr >= PCR_COUNT) {
            throw new TpmException("PCR index " + pcr + " is outside 0..23");
        }
    }

    private TpmResponse call(String name, TpmCommand command) throws TpmException {
        byte[] bytes = command.toBytes();
        return TpmResponse.parse(name, transport.transmit(bytes), command.authorized());
    }

    /** All 24 PCR indexes, the selection every quote here covers. */
    public static int[] allPcrs() {
        int[] all = new int[PCR_COUNT];
        for (int i = 0; i < PCR_COUNT; i++) {
            all[i] = i;
        }
        return all;
    }
}
