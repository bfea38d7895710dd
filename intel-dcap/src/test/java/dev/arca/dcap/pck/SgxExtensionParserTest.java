package dev.arca.dcap.pck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.Vectors;
import dev.arca.dcap.quote.QuoteParser;
import dev.arca.model.json.Hex;
import dev.arca.model.testing.RealEvidence;
import org.junit.jupiter.api.Test;

/** PCK extension values of the real-evidence corpus's quotes (docs/testing.md). */
@RealEvidence
class SgxExtensionParserTest {

    private static PckCertChain chain(String file) throws DcapVerificationException {
        return PckCertChain.parse(QuoteParser.parse(Vectors.bytes(file)).signatureData().pckCertChainPem());
    }

    @Test
    void readsTrusteeQuote4PlatformPck() throws Exception {
        PckCertChain chain = chain("tdx/trustee_tdx_quote_4.dat");
        SgxExtensions ext = chain.extensions();

        assertThat(chain.caType()).isEqualTo(PckCaType.PLATFORM);
        assertThat(Hex.of(ext.fmspc())).isEqualTo("50806f000000");
        assertThat(Hex.of(ext.pceId())).isEqualTo("0000");
        assertThat(ext.tcb().pceSvn()).isEqualTo(11);
        assertThat(ext.tcb().componentSvns()).containsExactly(5, 5, 13, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(ext.sgxType()).isEqualTo(1);
        // raw DER octets; claims render them reversed as trustee does (Trustee tdx verifier)
        assertThat(Hex.of(ext.platformInstanceIdBytes().orElseThrow())).isEqualTo("021ac64d355ba904e2d5948d228d5482");
        assertThat(ext.platformConfiguration()).isPresent();
    }

    @Test
    void readsSapphireRapidsPpidAndCpuSvn() throws Exception {
        SgxExtensions ext = chain("tdx/gotdx_tdx_prod_quote_SPR_E4.dat").extensions();

        assertThat(Hex.of(ext.ppid())).isEqualTo("089ddfdb9c0359c82a3bc7719239574e");
        assertThat(Hex.of(ext.fmspc())).isEqualTo("50806f000000");
        assertThat(ext.tcb().pceSvn()).isEqualTo(11);
        assertThat(Hex.of(ext.tcb().cpuSvn())).isEqualTo("03030202020100020000000000000000");
        assertThat(ext.tcb().componentSvns()).containsExactly(3, 3, 2, 2, 2, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void readsComponentSvnsOfTheOtherQuotes() throws Exception {
        assertThat(chain("tdx/trustee_tdx_quote_5.dat").extensions().tcb().componentSvns())
                .containsExactly(1, 1, 2, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(chain("tdx/trustee_tdx_quote_5.dat").extensions().tcb().pceSvn()).isEqualTo(13);
        SgxExtensions six = chain("tdx/trustee_tdx_quote_6.dat").extensions();
        assertThat(six.tcb().componentSvns()).containsExactly(2, 2, 7, 7, 4, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(six.tcb().pceSvn()).isEqualTo(11);
        assertThat(six.sgxType()).isEqualTo(2);
        assertThat(Hex.of(six.fmspc())).isEqualTo("00a06d080000");
        assertThat(chain("tdx/gotdx_quote_v5_sample.dat").extensions().tcb().componentSvns())
                .containsExactly(4, 4, 2, 2, 4, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(chain("tdx/phala_tdx_quote_outdated").extensions().tcb().componentSvns())
                .containsExactly(3, 3, 2, 2, 4, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(Hex.of(chain("tdx/phala_tdx_quote").extensions().fmspc())).isEqualTo("b0c06f000000");
        assertThat(Hex.of(chain("tdx/gotdx_cos-113-tdx-quote.dat").extensions().fmspc())).isEqualTo("00806f050000");
    }

    @Test
    void readsProcessorCaPckWithoutPlatformFields() throws Exception {
        PckCertChain chain = chain("sgx/phala_sgx_quote");

        assertThat(chain.caType()).isEqualTo(PckCaType.PROCESSOR);
        assertThat(Hex.of(chain.extensions().fmspc())).isEqualTo("00a067110000");
        assertThat(chain.extensions().sgxType()).isZero();
        assertThat(chain.extensions().platformInstanceIdBytes()).isEmpty();
        assertThat(chain.extensions().platformConfiguration()).isEmpty();
    }

    @Test
    void readsOcclumPlatformInstanceId() throws Exception {
        PckCertChain chain = chain("sgx/trustee_occlum_quote.dat");

        assertThat(chain.caType()).isEqualTo(PckCaType.PLATFORM);
        assertThat(Hex.of(chain.extensions().fmspc())).isEqualTo("00606a000000");
        assertThat(Hex.of(chain.extensions().platformInstanceIdBytes().orElseThrow()))
                .isEqualTo("c8c0cfb23d3dd90b06d55c0641693a7a");
    }

    @Test
    void refusesACertificateWithoutTheSgxExtension() throws Exception {
        PckCertChain chain = chain("tdx/trustee_tdx_quote_4.dat");
        assertThatThrownBy(() -> SgxExtensionParser.parse(chain.root()))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.PCK_CHAIN);
    }
}
