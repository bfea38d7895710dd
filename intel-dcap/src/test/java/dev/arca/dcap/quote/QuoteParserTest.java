package dev.arca.dcap.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.Vectors;
import dev.arca.model.json.Hex;
import dev.arca.model.testing.RealEvidence;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Quote layouts against the real-evidence corpus (docs/testing.md). */
@RealEvidence
class QuoteParserTest {

    static Stream<Arguments> tdxQuotes() {
        return Stream.of(
                Arguments.of("tdx/trustee_tdx_quote_4.dat", 4, 584, "03000500000000000000000000000000",
                        "705ee9381b8633a9fbe532b52345e8433343d2868959f57889d84ca377c395b689cac1599ccea1b7d420483a9ce5f031",
                        "7c71fe2c86eff65a7cf8dbc22b3275689fd0464a267baced1bf94fc1324656aeb755da3d44d098c0c87382f3a5f85b45c8a28fee1d3bdb38342bf96671501429",
                        "0100001000000000"),
                Arguments.of("tdx/trustee_tdx_quote_5.dat", 5, 648, "05010200000000000000000000000000",
                        "dfba221b48a22af8511542ee796603f37382800840dcd978703909bf8e64d4c8a1e9de86e7c9638bfcba422f3886400a",
                        "6d6ab13b046cff606ac0074be13981b07b6325dba10b5facc96febf551c0c3be2b75f92fe1f88f4bb996969ad0174b4b7a70261b7b85c844f4b33a4674fd049f",
                        "0000001000000000"),
                Arguments.of("tdx/trustee_tdx_quote_6.dat", 4, 584, "05030200000000000000000000000000",
                        "21e8dead92d6c69d7cbba79816686c03a48485c7df0c11f6f04792d5e1d378f6b8c46615ba6946adccac6becffbb1e88",
                        "26cae1c77185617fb6a03fc29bf1f924596e52352b9b7594940b576ae126cd4a570cc3202a900c5d19a6eb0a95b32cfd00000000000000000000000000000000",
                        "0000001000000000"),
                Arguments.of("tdx/gotdx_tdx_prod_quote_SPR_E4.dat", 4, 584, "03000400000000000000000000000000",
                        "6363b8043668a3ad953278e10389574d326c6749fb78aa810ecd9336923db86f22fc00b8dcd404bc10d5e119d7215cbb",
                        "6c62dec1b8191749a31dab490be532a35944dea47caef1f980863993d9899545eb7406a38d1eed313b987a467dacead6f0c87a6d766c66f6f29f8acb281f1113",
                        "0000004000000000"),
                Arguments.of("tdx/gotdx_quote_v5_sample.dat", 5, 648, "0b010400000000000000000000000000",
                        "7348651a34b2d2d3462822e3a750ec6110125f36757c78480bbfc69cc0d21fb001a1ced3ee19747dda8f750c3bc8f876",
                        "945eaacf5abc1f719d8666a942fda03d1edcb4490277396093dc5a5289ab9f1e094aed63060cd4a4933a4dd537ed1255c9c79ecb3ed82cd1b486233e31c25c3a",
                        "0000001000000000"),
                Arguments.of("tdx/gotdx_cos-113-tdx-quote.dat", 4, 584, "04010700000000000000000000000000",
                        "dae67181d3d65e073ad8f95b7907d5e927bfe9761c9ff3e9b89734a45d8954dba41394c7717cb2735396c1d04231f94a",
                        "0".repeat(128), null),
                Arguments.of("tdx/phala_tdx_quote", 4, 584, "06010300000000000000000000000000",
                        "91eb2b44d141d4ece09f0c75c2c53d247a3c68edd7fafe8a3520c942a604a407de03ae6dc5f87f27428b2538873118b7",
                        "9a9d48e7f6799642d3d1b34e1e5e1742d4bb02dd6ddd551862c1211d35c304f9eca3efdbb481601c163cf52493d6e44aed55d51ec39b7e518fadb92c2b523f20",
                        "0000001000000000"),
                Arguments.of("tdx/phala_tdx_quote_outdated", 5, 648, "07010300000000000000000000000000",
                        "273828c46252fcbdd8ad2dd907130222b03466d52a2911d70c1a5950895d6bd1ae451d382d5a9b1b4c0ed0e5ae9a3dbd",
                        "d2142b643598eb5fae2bc8529dd79a558b29f868ccbb6531cb28dab9dce47728" + "0".repeat(64), null));
    }

    @ParameterizedTest
    @MethodSource("tdxQuotes")
    void readsTdQuoteFields(String file, int version, int bodySize, String teeTcbSvn, String mrTd, String reportData,
            String tdAttributes) throws Exception {
        Quote quote = QuoteParser.parse(Vectors.bytes(file));

        assertThat(quote.version()).isEqualTo(version);
        assertThat(quote.teeType()).isEqualTo(TeeType.TDX);
        TdReport td = quote.tdReport().orElseThrow();
        assertThat(td.raw()).hasSize(bodySize);
        assertThat(td instanceof TdReport15).isEqualTo(bodySize == 648);
        assertThat(Hex.of(td.teeTcbSvn())).isEqualTo(teeTcbSvn);
        assertThat(Hex.of(td.mrTd())).isEqualTo(mrTd);
        assertThat(Hex.of(td.reportData())).isEqualTo(reportData);
        if (tdAttributes != null) {
            assertThat(Hex.of(td.tdAttributes())).isEqualTo(tdAttributes);
        }
        // the attestation key signs every byte before the signature-data length (TDX QGL/QVL API spec Appendix A)
        assertThat(quote.signedBytes()).hasSize(48 + (version == 5 ? 6 : 0) + bodySize);
        assertThat(quote.signatureData().qeReport().isvProdId()).isEqualTo(2);
        assertThat(Hex.of(quote.signatureData().qeReport().mrSigner()))
                .isEqualTo("dc9e2a7c6f948f17474e34a7fc43ed030f7c1563f1babddf6340c82e0e54a8c5");
    }

    @Test
    void readsRtmrsAndTdx15FieldsOfTrusteeQuote5() throws Exception {
        Quote quote = QuoteParser.parse(Vectors.bytes("tdx/trustee_tdx_quote_5.dat"));
        TdReport15 td = (TdReport15) quote.tdReport().orElseThrow();

        assertThat(quote.bodyDescriptor().orElseThrow()).isEqualTo(new BodyDescriptor(3, 648));
        assertThat(Hex.of(td.teeTcbSvn2())).isEqualTo("05010200000000000000000000000000");
        assertThat(Hex.of(td.mrServiceTd())).isEqualTo("383c87d3bbb047b2d171eaca95312ede99f258088dc788f6ae2ccf8b6dd84"
                + "8fe8d47629e08b3f6cbd4a00dd47a5a033d");
        assertThat(Hex.of(td.rtmr(0))).isEqualTo("9b529f3689e2e8ebb899e9abbbc3dab394d6545e8cdb28a2abb9cc2f377b83a65c0"
                + "1ba56b824cd3ee885df20051f5128");
        assertThat(Hex.of(td.rtmr(2))).isEqualTo("0".repeat(96));
    }

    @Test
    void readsSgxQuotes() throws Exception {
        Quote phala = QuoteParser.parse(Vectors.bytes("sgx/phala_sgx_quote"));
        SgxEnclaveReport report = phala.enclaveReport().orElseThrow();
        assertThat(phala.version()).isEqualTo(3);
        assertThat(phala.header().qeSvn()).isEqualTo(10);
        assertThat(phala.header().pceSvn()).isEqualTo(15);
        assertThat(Hex.of(report.mrEnclave()))
                .isEqualTo("33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb");
        assertThat(Hex.of(report.mrSigner()))
                .isEqualTo("815f42f11cf64430c30bab7816ba596a1da0130c3b028b673133a66cf9a3e0e6");
        assertThat(Hex.of(report.attributes())).isEqualTo("0500000000000000e700000000000000");
        assertThat(Hex.of(report.cpuSvn())).isEqualTo("0b0b1a18ffff04000000000000000000");
        assertThat(report.debug()).isFalse();
        assertThat(new String(report.reportData(), 0, 13, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("Hello, world!");
        assertThat(phala.signatureData().qeReport().isvSvn()).isEqualTo(10);
        assertThat(phala.signatureData().qeReport().isvProdId()).isEqualTo(1);

        Quote occlum = QuoteParser.parse(Vectors.bytes("sgx/trustee_occlum_quote.dat"));
        SgxEnclaveReport enclave = occlum.enclaveReport().orElseThrow();
        assertThat(occlum.header().qeSvn()).isEqualTo(8);
        assertThat(occlum.header().pceSvn()).isEqualTo(13);
        assertThat(Hex.of(enclave.mrEnclave()))
                .isEqualTo("8f173e4613ff05c52aaf04162d234edae8c9977eae47eb2299ae16a553011c68");
        assertThat(Hex.of(enclave.miscSelect())).isEqualTo("01000000");
        assertThat(Hex.of(enclave.attributesFlags())).isEqualTo("0700000000000000");
        assertThat(enclave.debug()).isTrue();
    }

    /**
     * Real quotes carry trailing bytes: 39 bytes of ASCII, 3065 and 70 zero bytes after the declared signature data.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tdx/gotdx_tdx_prod_quote_SPR_E4.dat", "tdx/gotdx_cos-113-tdx-quote.dat",
        "tdx/trustee_tdx_quote_6.dat", "tdx/phala_tdx_quote"})
    void toleratesBytesAfterTheSignatureData(String file) throws Exception {
        byte[] bytes = Vectors.bytes(file);
        int end = signatureDataEnd(bytes);
        assertThat(end).isLessThan(bytes.length);

        Quote padded = QuoteParser.parse(bytes);
        Quote exact = QuoteParser.parse(Arrays.copyOf(bytes, end));
        assertThat(exact.signedBytes()).isEqualTo(padded.signedBytes());
        assertThat(exact.signatureData().pckCertChainPem()).isEqualTo(padded.signatureData().pckCertChainPem());
    }

    /** Every truncation inside the declared structure is a FORMAT refusal naming the field, never another error. */
    @ParameterizedTest
    @ValueSource(strings = {"tdx/trustee_tdx_quote_4.dat", "tdx/gotdx_quote_v5_sample.dat",
        "tdx/gotdx_tdx_prod_quote_SPR_E4.dat", "sgx/phala_sgx_quote", "sgx/trustee_occlum_quote.dat"})
    void refusesEveryTruncation(String file) {
        byte[] bytes = Vectors.bytes(file);
        int end = signatureDataEnd(bytes);
        for (int length = 0; length < end; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> QuoteParser.parse(truncated))
                    .as("truncated to %d bytes", length)
                    .isInstanceOf(QuoteFormatException.class)
                    .extracting(e -> ((DcapVerificationException) e).reason())
                    .isEqualTo(Reason.FORMAT);
        }
    }

    @Test
    void refusesUnsupportedVersionTeeAndKeyType() {
        byte[] v3Tdx = Vectors.bytes("tdx/gotdx_tdx_prod_quote_SPR_E4.dat");
        v3Tdx[0] = 3; // go-tdx-guest TestNegativeVerification: offset 0x00 := 3
        assertThatThrownBy(() -> QuoteParser.parse(v3Tdx)).isInstanceOf(QuoteFormatException.class)
                .hasMessageContaining("unsupported quote format");

        byte[] v6 = Vectors.bytes("tdx/trustee_tdx_quote_4.dat");
        v6[0] = 6;
        assertThatThrownBy(() -> QuoteParser.parse(v6)).hasMessageContaining("unsupported quote version 6");

        byte[] keyType = Vectors.bytes("tdx/trustee_tdx_quote_4.dat");
        keyType[2] = 3;
        assertThatThrownBy(() -> QuoteParser.parse(keyType)).hasMessageContaining("attestation key type 3");

        byte[] vendor = Vectors.bytes("tdx/trustee_tdx_quote_4.dat");
        vendor[12] ^= 1;
        assertThatThrownBy(() -> QuoteParser.parse(vendor)).hasMessageContaining("QE vendor id");
    }

    @Test
    void refusesALyingSignatureDataLength() {
        byte[] shorter = Vectors.bytes("tdx/gotdx_tdx_prod_quote_SPR_E4.dat");
        shorter[0x278] = 0x10; // go-tdx-guest: "certification data size mismatch"
        assertThatThrownBy(() -> QuoteParser.parse(shorter)).isInstanceOf(QuoteFormatException.class);

        byte[] huge = Vectors.bytes("tdx/trustee_tdx_quote_4.dat");
        Arrays.fill(huge, 632, 636, (byte) 0xFF);
        assertThatThrownBy(() -> QuoteParser.parse(huge)).isInstanceOf(QuoteFormatException.class)
                .hasMessageContaining("signature data");

        byte[] v5Size = Vectors.bytes("tdx/trustee_tdx_quote_5.dat");
        v5Size[50] = (byte) 0x48; // body size 0x248 instead of 0x288
        assertThatThrownBy(() -> QuoteParser.parse(v5Size)).hasMessageContaining("declares size");

        byte[] v5Type = Vectors.bytes("tdx/trustee_tdx_quote_5.dat");
        v5Type[48] = 1;
        assertThatThrownBy(() -> QuoteParser.parse(v5Type)).hasMessageContaining("body type 1");
    }

    @Test
    void refusesAWrongCertificationDataType() {
        byte[] bytes = Vectors.bytes("tdx/trustee_tdx_quote_4.dat");
        bytes[636 + 128] = 5; // the outer type-6 wrapper
        assertThatThrownBy(() -> QuoteParser.parse(bytes)).hasMessageContaining("expected 6");
    }

    /** header ‖ [descriptor] ‖ body ‖ u32 length ‖ signature data. */
    static int signatureDataEnd(byte[] quote) {
        int version = quote[0] & 0xFF;
        int body = version == 3 ? 384 : version == 4 ? 584 : 6 + ((quote[50] & 0xFF) | (quote[51] & 0xFF) << 8);
        int lengthAt = 48 + body;
        long length = (quote[lengthAt] & 0xFFL) | (quote[lengthAt + 1] & 0xFFL) << 8
                | (quote[lengthAt + 2] & 0xFFL) << 16 | (quote[lengthAt + 3] & 0xFFL) << 24;
        return (int) (lengthAt + 4 + length);
    }
}
