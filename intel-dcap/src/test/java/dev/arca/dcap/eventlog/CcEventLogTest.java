package dev.arca.dcap.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.JsonAssert;
import dev.arca.dcap.Vectors;
import dev.arca.dcap.quote.QuoteParser;
import dev.arca.dcap.quote.TdReport;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.testing.RealEvidence;
import dev.arca.dcap.verify.RtmrReplay;
import dev.arca.tpm.eventlog.TcgEvent;
import dev.arca.tpm.eventlog.TcgEventLog;
import dev.arca.tpm.eventlog.TcgEventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** CCEL parsing and RTMR replay against the event logs of Trustee and go-tdx-guest test data. */
@RealEvidence
class CcEventLogTest {

    private static final String ZERO = "000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000";

    @ParameterizedTest
    @CsvSource({
        "trustee_CCEL_data, 5, 2dc712306a963eadb894ad47dbaa17df44814151555aee11cbb843becca88950ffd079664902e6f22c66f7c8213543f4, 0fa3be56af61208bbd179dc7b124988eb929319154663c539d6f46445ecac2fec287075047ff7bd1922829fec28cd3cf, " + ZERO,
        "trustee_CCEL_data_ovmf, 20, 8566f998798db09443b244c62de9a3041fb02e2e6936c4396d784bba2e90177329ec5aba3bb484404f2ab9cc90abe193, 775b9f6bfe99f8a31396f0d0218e67ffa796d3b96ccf961cbb0deba48c79c00f082cda1a5567c1c16305f1fc210c13c6, 94eaf7a7bf398ed8d888c91057ae0261802e4f3df084213a76ca7f0b5055ac9d2241de43cd58d9e8b49c503bbf25f34a",
        "trustee_CCEL_data_grub, 37, cec0a104f691f60da2387fea3c2de00c4ac035e2bb479ff02edcce69039d9e9907f0b3e55031da3dc7038f423adebd79, 6c289e0c62182d41ebe97bdbc9872d10998a08eaa86adcdc684001a363207ee72942c7522cdf00a4bbc3d784bed7b670, 08919d017ba0e52cd6d966351c7de16fe76c1d3d3d3da4554239e4c7d16cb8b82a94e7eaea3a0e6e18eb690b999fd31e",
        "trustee_CCEL_data_gcp, 21, 3300980705adf09d28b707b79699d9874892164280832be2c386a715b6e204e0897fb564a064f810659207ba862b304f, 204d49f78d29918fe7b2f694e76653861a0c2a018987d2c3a54266eff737232524cf0af68c4d180e2f8c2c0937f21967, " + ZERO,
        "trustee_CCEL_data_grub_gke, 35, bc9945139042cf2cc75caf920aa57f14884ecfd7e893bccc51250c8ce90eb53ce72741e6adaa18183eb1331a87d4544a, c17cb288a4dee302bb9ed8d27257a168f3264ad68cab53757f37eeaa7039657fa887cad65cf910e0fdc435ff110f8a7b, 334aeba2c985f8886cea97d1ecffbd512769d528b9a94009583db667ad7d2faa7d37fa145d75b192ceee2d2f10b2eb6d",
        "gotdx_ccel_data.dat, 43, 3fa2f61f395b7f5feefb4ec2df61297f109ad8abcd6410c1b7df60f21f37b19297fc35e544039c7e1edece752afd17f6, f62dbc072bd5d3f3438b7b35c39a727f5aea2ffc2473f43723953f530daf62504f0a7944aa62c41a86e8a878c2b122c1, 4969684dc87381fc3b3134176c8d8806eaf0a901859f5f70cfae8d17714b46c10a8de219048c9fc09f11f381a6fbe7c1"})
    void replaysEveryLogToTheManifestRtmrs(String file, int events, String rtmr0, String rtmr1, String rtmr2)
            throws Exception {
        TcgEventLog log = RtmrReplay.parse(Vectors.bytes("eventlog/" + file));

        assertThat(log.events()).hasSize(events);
        byte[][] rtmrs = log.replayRtmrs();
        assertThat(Hex.of(rtmrs[0])).isEqualTo(rtmr0);
        assertThat(Hex.of(rtmrs[1])).isEqualTo(rtmr1);
        assertThat(Hex.of(rtmrs[2])).isEqualTo(rtmr2);
        assertThat(Hex.of(rtmrs[3])).isEqualTo(ZERO);
    }

    @Test
    void theGkeLogHasEvNoActionEventsThatAreNotExtended() throws Exception {
        TcgEventLog log = RtmrReplay.parse(Vectors.bytes("eventlog/trustee_CCEL_data_grub_gke"));
        assertThat(log.events()).filteredOn(e -> e.type() == TcgEventType.EV_NO_ACTION.code()).isNotEmpty();
    }

    @Test
    void theCos113LogReplaysToItsQuote() throws Exception {
        TdReport td = QuoteParser.parse(Vectors.bytes("tdx/gotdx_cos-113-tdx-quote.dat")).tdReport().orElseThrow();
        RtmrReplay.requireMatches(RtmrReplay.parse(Vectors.bytes("eventlog/gotdx_ccel_data.dat")), td);
    }

    @Test
    void trusteesLogDoesNotReplayToItsCompanionQuote() throws Exception {
        TdReport td = QuoteParser.parse(Vectors.bytes("tdx/trustee_tdx_quote_4.dat")).tdReport().orElseThrow();
        TcgEventLog log = RtmrReplay.parse(Vectors.bytes("eventlog/trustee_CCEL_data"));
        assertThatThrownBy(() -> RtmrReplay.requireMatches(log, td))
                .hasMessageContaining("RTMR0")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.EVENT_LOG_MISMATCH);
    }

    /**
     * Upstream negatives (Trustee deps/eventlog tests): one changed nibble of a claimed RTMR must fail on that
     * register.
     */
    @Test
    void aChangedNibbleOfAClaimedRtmrFails() throws Exception {
        TcgEventLog gcp = RtmrReplay.parse(Vectors.bytes("eventlog/trustee_CCEL_data_gcp"));
        List<byte[]> claimed = new ArrayList<>(Arrays.asList(gcp.replayRtmrs()));
        RtmrReplay.requireMatches(gcp, claimed);
        String rtmr0 = Hex.of(claimed.get(0));
        claimed.set(0, Hex.parse(rtmr0.substring(0, 95) + "d"));
        assertThatThrownBy(() -> RtmrReplay.requireMatches(gcp, claimed)).hasMessageContaining("RTMR0");

        TcgEventLog trustee = RtmrReplay.parse(Vectors.bytes("eventlog/trustee_CCEL_data"));
        List<byte[]> wrong = new ArrayList<>(Arrays.asList(trustee.replayRtmrs()));
        wrong.set(1, Hex.parse("2" + Hex.of(wrong.get(1)).substring(1)));
        assertThatThrownBy(() -> RtmrReplay.requireMatches(trustee, wrong)).hasMessageContaining("RTMR1");
    }

    @Test
    void aTamperedEventFailsTheReplay() throws Exception {
        byte[] bytes = Vectors.bytes("eventlog/gotdx_ccel_data.dat");
        TcgEventLog original = RtmrReplay.parse(bytes);
        TcgEvent target = original.events().stream()
                .filter(e -> e.index() == 2 && e.type() != TcgEventType.EV_NO_ACTION.code()).findFirst().orElseThrow();
        int at = indexOf(bytes, target.digests().getFirst().digest());
        bytes[at] ^= 1;
        TdReport td = QuoteParser.parse(Vectors.bytes("tdx/gotdx_cos-113-tdx-quote.dat")).tdReport().orElseThrow();

        TcgEventLog tampered = RtmrReplay.parse(bytes);
        assertThatThrownBy(() -> RtmrReplay.requireMatches(tampered, td))
                .hasMessageContaining("RTMR1")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.EVENT_LOG_MISMATCH);
    }

    /** trustee's exact parsed-event JSON (Trustee deps/eventlog CCEL_data_out.json, test_query_digest). */
    @ParameterizedTest
    @CsvSource({"trustee_CCEL_data, trustee_CCEL_data_out.json",
        "trustee_CCEL_data_ovmf, trustee_CCEL_data_ovmf_out.json"})
    void claimsEqualTrusteesParsedEvents(String log, String expected) throws Exception {
        JsonNode claims = RtmrReplay.parse(Vectors.bytes("eventlog/" + log)).toClaims();
        JsonNode wanted = Json.MAPPER.readTree(Vectors.bytes("eventlog/" + expected)).get("uefi_event_logs");
        JsonAssert.assertSameJson(claims, wanted);
    }

    @Test
    void refusesLogsThatAreNotCryptoAgile() {
        byte[] log = Vectors.bytes("eventlog/trustee_CCEL_data_ovmf");
        byte[] notAgile = log.clone();
        notAgile[32] = 'X'; // the "Spec ID Event03" signature
        assertThatThrownBy(() -> RtmrReplay.parse(notAgile)).hasMessageContaining("Spec ID Event03");
        assertThatThrownBy(() -> RtmrReplay.parse(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> RtmrReplay.parse(new byte[20])).isInstanceOf(DcapVerificationException.class);
    }

    /** A log cut anywhere is either a shorter valid log or a FORMAT refusal, never another exception. */
    @Test
    void truncationIsAFormatErrorOrAShorterLog() {
        byte[] log = Vectors.bytes("eventlog/trustee_CCEL_data_ovmf");
        for (int length = 0; length < 6000; length += 7) {
            byte[] cut = Arrays.copyOf(log, length);
            try {
                TcgEventLog parsed = RtmrReplay.parse(cut);
                assertThat(parsed.events().size()).isLessThanOrEqualTo(20);
            } catch (DcapVerificationException e) {
                assertThat(e.reason()).isEqualTo(Reason.FORMAT);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
