package dev.arca.agent.attester.tdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.fakes.CcelReplay;
import dev.arca.agent.fakes.FakeConfigfsTsm;
import dev.arca.agent.fakes.FakeKernel;
import dev.arca.agent.fakes.FakeTdxMeasurements;
import dev.arca.agent.fakes.SyntheticEventLog;
import dev.arca.agent.fakes.SyntheticQuotes;
import dev.arca.agent.measurement.RuntimeMeasurement;
import dev.arca.agent.platform.HostPaths;
import dev.arca.agent.platform.Platform;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Hex;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * TDX through configfs-tsm and sysfs, against a fake kernel serving quotes and event logs the tests build; the nested
 * class repeats the checks on real quotes and event logs when the real-evidence corpus is present.
 */
class TdxAttesterTest {

    private static final byte[] MR_CONFIG_ID = SyntheticQuotes.filled(48, 0x3C);
    private static final byte[] QUOTE_4 = SyntheticQuotes.tdxV4(MR_CONFIG_ID, SyntheticQuotes.filled(64, 0x11));

    @TempDir
    Path root;

    private FakeKernel kernel;
    private Path aael;

    @BeforeEach
    void kernel() {
        kernel = FakeKernel.at(root.resolve("host"));
        aael = root.resolve("aael/eventlog");
    }

    private TdxAttester attester() {
        return new TdxAttester(new Platform(kernel, new HostPaths(Path.of("/sys"), Path.of("/dev"), Path.of("/run")),
                Map.of()), aael);
    }

    /** The firmware's boot events: MR index 1 → RTMR0, 2 → RTMR1, with an EV_NO_ACTION that extends nothing. */
    private static SyntheticEventLog bootLog() {
        return new SyntheticEventLog()
                .event(1, 0x80000008, "firmware volume")
                .event(1, 3, "no action: not measured")
                .event(2, 0x80000001, "boot variable")
                .event(3, 13, "kernel command line");
    }

    @Test
    void evidenceIsTheQuoteForThePaddedReportDataAndTheTrimmedCcel() throws Exception {
        FakeConfigfsTsm tsm = kernel.configfsTsm("tdx_guest").outblob(QUOTE_4);
        SyntheticEventLog ccel = bootLog();
        kernel.file("/sys/firmware/acpi/tables/data/CCEL", ccel.area(64 * 1024));
        byte[] reportData = HashAlgorithm.SHA384.digest("runtime data".getBytes(StandardCharsets.UTF_8));

        JsonNode evidence = attester().evidence(reportData);

        assertThat(Base64s.fromStd(evidence.get("quote").asString())).isEqualTo(QUOTE_4);
        assertThat(tsm.inblobs()).singleElement().isEqualTo(Arrays.copyOf(reportData, 64));
        assertThat(tsm.liveObjects()).isZero();
        byte[] log = Base64s.fromStd(evidence.get("cc_eventlog").asString());
        // the events exactly, cut where the 0xFF fill of the ACPI area starts, then the eight-byte end marker
        assertThat(Arrays.copyOf(log, log.length - 8)).isEqualTo(ccel.events());
        assertThat(Arrays.copyOfRange(log, log.length - 8, log.length)).containsOnly((byte) 0xFF);
        byte[][] rtmrs = CcelReplay.rtmrs(log);
        for (int i = 0; i < 4; i++) {
            assertThat(rtmrs[i]).as("RTMR%d", i).isEqualTo(ccel.rtmr(i));
        }
        assertThat(rtmrs[3]).containsOnly(0);
    }

    @Test
    void aCcelThatRunsPastItsAreaIsAnError() {
        kernel.configfsTsm("tdx_guest").outblob(QUOTE_4);
        byte[] events = bootLog().events();
        kernel.file("/sys/firmware/acpi/tables/data/CCEL", Arrays.copyOf(events, events.length - 10));

        assertThatThrownBy(() -> attester().evidence(new byte[48])).hasMessageContaining("CCEL");
    }

    /** The same on real TDX quotes and CCEL logs (their values as published with them). */
    @Nested
    @RealEvidence
    class OnRealEvidence {

        @Test
        void evidenceIsTheRealQuoteForThePaddedReportDataAndTheTrimmedCcel() throws Exception {
            byte[] quote = Corpus.bytes("tdx/trustee_tdx_quote_4.dat");
            FakeConfigfsTsm tsm = kernel.configfsTsm("tdx_guest").outblob(quote);
            kernel.file("/sys/firmware/acpi/tables/data/CCEL", Corpus.bytes("eventlog/trustee_CCEL_data"));
            byte[] reportData = HashAlgorithm.SHA384.digest("runtime data".getBytes(StandardCharsets.UTF_8));

            JsonNode evidence = attester().evidence(reportData);

            assertThat(Base64s.fromStd(evidence.get("quote").asString())).isEqualTo(quote);
            assertThat(tsm.inblobs()).singleElement().isEqualTo(Arrays.copyOf(reportData, 64));
            byte[] log = Base64s.fromStd(evidence.get("cc_eventlog").asString());
            assertThat(log.length).isLessThan(1024 * 1024);
            assertThat(Arrays.copyOfRange(log, log.length - 8, log.length)).containsOnly((byte) 0xFF);
            byte[][] rtmrs = CcelReplay.rtmrs(log);
            // the RTMR0/RTMR1 this published log replays to
            assertThat(Hex.of(rtmrs[0])).isEqualTo("2dc712306a963eadb894ad47dbaa17df44814151555aee11cbb843becca889"
                    + "50ffd079664902e6f22c66f7c8213543f4");
            assertThat(Hex.of(rtmrs[1])).isEqualTo("0fa3be56af61208bbd179dc7b124988eb929319154663c539d6f46445ecac2"
                    + "fec287075047ff7bd1922829fec28cd3cf");
            assertThat(rtmrs[2]).containsOnly(0);
        }

        @Test
        void tdQuoteBodyOffsetsMatchRealQuotes() {
            // report_data of a real v4 and of a real v5 (TDX 1.5) quote, MRCONFIGID of another v4 one
            assertThat(Hex.of(TdQuoteBody.parse(Corpus.bytes("tdx/trustee_tdx_quote_4.dat")).reportData()))
                    .startsWith("7c71fe2c86eff65a7cf8dbc22b3275689fd0");
            TdQuoteBody v5 = TdQuoteBody.parse(Corpus.bytes("tdx/gotdx_quote_v5_sample.dat"));
            assertThat(v5.version()).isEqualTo(5);
            assertThat(Hex.of(v5.reportData())).startsWith("945eaacf5abc1f719d8666a942fda03d1edcb44902773960");
            assertThat(Hex.of(TdQuoteBody.parse(Corpus.bytes("tdx/trustee_tdx_quote_6.dat")).mrConfigId()))
                    .isEqualTo("889abf4718f037e38d74464c11e7c91a6e9890b5546409e1e7df9de7a51ca93152bf847bd2440328"
                            + "e90adb18b150ed67");
            assertThatThrownBy(() -> TdQuoteBody.parse(Corpus.bytes("sgx/phala_sgx_quote")))
                    .hasMessageContaining("not TDX");
        }

        @Test
        void theAaelExtendsAfterARealCcel() throws Exception {
            kernel.configfsTsm("tdx_guest").outblob(Corpus.bytes("tdx/gotdx_cos-113-tdx-quote.dat"));
            kernel.file("/sys/firmware/acpi/tables/data/CCEL", Corpus.bytes("eventlog/gotdx_ccel_data.dat"));
            FakeTdxMeasurements rtmrs = kernel.tdxMeasurements();
            TdxAttester tdx = attester();
            RuntimeMeasurement measurement = RuntimeMeasurement.open(tdx, true, 17, aael);

            assertThat(measurement.extend("example.org", "Step", "two", Optional.of(8)))
                    .isEqualTo(RuntimeMeasurement.Result.OK);

            byte[][] replayed = CcelReplay.rtmrs(Base64s.fromStd(tdx.evidence(new byte[0]).get("cc_eventlog")
                    .asString()));
            // the RTMR0/RTMR1/RTMR2 this published log replays to; the AAEL event extends RTMR2 after it
            assertThat(Hex.of(replayed[0])).startsWith("3fa2f61f395b7f5feefb4ec2df61297f109ad8abcd6410c1b7df60f2");
            assertThat(Hex.of(replayed[1])).startsWith("f62dbc072bd5d3f3438b7b35c39a727f5aea2ffc2473f43723953f53");
            MessageDigest rtmr2 = MessageDigest.getInstance("SHA-384");
            rtmr2.update(Hex.parse("4969684dc87381fc3b3134176c8d8806eaf0a901859f5f70cfae8d17714b46c10a8de219048c9f"
                    + "c09f11f381a6fbe7c1"));
            rtmr2.update(MessageDigest.getInstance("SHA-384").digest(aaelEvent("example.org Step two")));
            assertThat(replayed[2]).isEqualTo(rtmr2.digest());
            assertThat(rtmrs.rtmr(2)).isNotEqualTo(new byte[48]);
        }
    }

    /** An AAEL entry as the agent logs it: tag "AAEL", length, the event text. */
    private static byte[] aaelEvent(String text) {
        byte[] event = text.getBytes(StandardCharsets.UTF_8);
        return java.nio.ByteBuffer.allocate(8 + event.length).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(0x4141454C).putInt(event.length).put(event).array();
    }

    @Test
    void eventLogIsNullWithoutCcelOrAael() throws Exception {
        kernel.configfsTsm("tdx_guest").outblob(QUOTE_4);

        assertThat(attester().evidence(new byte[48]).get("cc_eventlog").isNull()).isTrue();
    }

    @Test
    void reportDataLongerThan64BytesIsRefused() {
        kernel.configfsTsm("tdx_guest").outblob(QUOTE_4);

        assertThatThrownBy(() -> attester().evidence(new byte[65])).isInstanceOf(AttesterException.class)
                .hasMessageContaining("at most 64 bytes");
    }

    @Test
    void anotherProviderOrAConcurrentWriterIsAnError() throws Exception {
        FakeConfigfsTsm tsm = kernel.configfsTsm("sev_guest").outblob(QUOTE_4);
        assertThatThrownBy(() -> attester().evidence(new byte[48])).hasMessageContaining("provider is 'sev_guest'");

        kernel = FakeKernel.at(root.resolve("other"));
        tsm = kernel.configfsTsm("tdx_guest").outblob(QUOTE_4);
        tsm.raceNextRequest();
        assertThatThrownBy(() -> attester().evidence(new byte[48])).hasMessageContaining("another writer");
        assertThat(tsm.liveObjects()).isZero();
    }

    @Test
    void missingConfigfsTsmSaysWhatIsNeeded() {
        assertThatThrownBy(() -> attester().evidence(new byte[48])).hasMessageContaining("configfs-tsm is not"
                + " available").hasMessageContaining("Linux 6.7");
    }

    @Test
    void detectionProbesTheProviderAndCleansUp() throws Exception {
        Platform platform = new Platform(kernel, HostPaths.fromSystemProperties(), Map.of());
        assertThat(TdxAttester.detect(platform)).isFalse();

        FakeConfigfsTsm tsm = kernel.configfsTsm("tdx_guest");
        assertThat(TdxAttester.detect(platform)).isTrue();
        assertThat(tsm.createdObjects()).isEqualTo(1);
        assertThat(tsm.liveObjects()).isZero();

        FakeKernel withDevice = FakeKernel.at(root.resolve("device")).file("/dev/tdx_guest", new byte[0]);
        assertThat(TdxAttester.detect(new Platform(withDevice, HostPaths.fromSystemProperties(), Map.of()))).isTrue();
    }

    @Test
    void tdQuoteBodyOffsetsOfV4AndV5Quotes() {
        byte[] reportData = new byte[64];
        for (int i = 0; i < 64; i++) {
            reportData[i] = (byte) i;
        }
        TdQuoteBody v4 = TdQuoteBody.parse(SyntheticQuotes.tdxV4(MR_CONFIG_ID, reportData));
        assertThat(v4.version()).isEqualTo(4);
        assertThat(v4.reportData()).isEqualTo(reportData);
        assertThat(v4.mrConfigId()).isEqualTo(MR_CONFIG_ID);
        // v5 puts a body descriptor (type, size) before the TD body
        TdQuoteBody v5 = TdQuoteBody.parse(SyntheticQuotes.tdxV5(MR_CONFIG_ID, reportData));
        assertThat(v5.version()).isEqualTo(5);
        assertThat(v5.reportData()).isEqualTo(reportData);
        assertThat(v5.mrConfigId()).isEqualTo(MR_CONFIG_ID);
        assertThatThrownBy(() -> TdQuoteBody.parse(SyntheticQuotes.sgxV3(reportData)))
                .hasMessageContaining("not TDX");
        assertThatThrownBy(() -> TdQuoteBody.parse(Arrays.copyOf(QUOTE_4, 600))).hasMessageContaining("too short");
    }

    @Test
    void initDataIsComparedWithMrConfigIdFromSysfs() throws Exception {
        byte[] digest = HashAlgorithm.SHA384.digest("init-data".getBytes(StandardCharsets.UTF_8));
        FakeTdxMeasurements measurements = kernel.tdxMeasurements().mrConfigId(digest);

        assertThat(attester().bindInitData(digest).outcome()).isEqualTo(InitDataBinding.Outcome.MATCHES);
        // a SHA-256 digest is zero-padded to the 48-byte field
        byte[] sha256 = HashAlgorithm.SHA256.digest("x".getBytes(StandardCharsets.UTF_8));
        measurements.mrConfigId(Arrays.copyOf(sha256, 48));
        assertThat(attester().bindInitData(sha256).outcome()).isEqualTo(InitDataBinding.Outcome.MATCHES);
        InitDataBinding other = attester().bindInitData(digest);
        assertThat(other.outcome()).isEqualTo(InitDataBinding.Outcome.MISMATCH);
        assertThat(other.acceptable()).isFalse();
    }

    @Test
    void withoutSysfsMrConfigIdComesFromAFreshQuote() throws Exception {
        FakeConfigfsTsm tsm = kernel.configfsTsm("tdx_guest").outblob(QUOTE_4);

        InitDataBinding binding = attester().bindInitData(new byte[48]);

        assertThat(binding.outcome()).isEqualTo(InitDataBinding.Outcome.MISMATCH);
        assertThat(binding.detail()).contains(Hex.of(MR_CONFIG_ID));
        assertThat(attester().bindInitData(MR_CONFIG_ID).outcome()).isEqualTo(InitDataBinding.Outcome.MATCHES);
        assertThat(tsm.inblobs()).hasSize(2).allSatisfy(inblob -> assertThat(inblob).isEqualTo(new byte[64]));
    }

    @Test
    void runtimeMeasurementExtendsRtmr3AndTheEventLogReplaysToIt() throws Exception {
        kernel.configfsTsm("tdx_guest").outblob(QUOTE_4);
        SyntheticEventLog ccel = bootLog();
        kernel.file("/sys/firmware/acpi/tables/data/CCEL", ccel.area(4096));
        FakeTdxMeasurements rtmrs = kernel.tdxMeasurements();
        TdxAttester tdx = attester();
        RuntimeMeasurement measurement = RuntimeMeasurement.open(tdx, true, 17, aael);

        assertThat(measurement.extend("github.com/confidential-containers", "PullImage",
                "{\"image\":\"busybox\",\"digest\":\"sha256:00\"}", Optional.empty()))
                .isEqualTo(RuntimeMeasurement.Result.OK);
        assertThat(measurement.extend("example.org", "Step", "two", Optional.of(8)))
                .isEqualTo(RuntimeMeasurement.Result.OK);

        byte[] event = ("github.com/confidential-containers PullImage {\"image\":\"busybox\",\"digest\":\"sha256:00\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tagged = java.nio.ByteBuffer.allocate(8 + event.length).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(0x4141454C).putInt(event.length).put(event).array();
        MessageDigest sha384 = MessageDigest.getInstance("SHA-384");
        sha384.update(new byte[48]);
        sha384.update(MessageDigest.getInstance("SHA-384").digest(tagged));
        assertThat(rtmrs.rtmr(3)).isEqualTo(sha384.digest());
        assertThat(rtmrs.rtmr(2)).isNotEqualTo(new byte[48]); // PCR 8 → MR 3 → RTMR2

        byte[][] replayed = CcelReplay.rtmrs(Base64s.fromStd(tdx.evidence(new byte[0]).get("cc_eventlog").asString()));
        // the firmware's events replay as built; the AAEL events bring RTMR2 and RTMR3 along
        assertThat(replayed[0]).isEqualTo(ccel.rtmr(0));
        assertThat(replayed[1]).isEqualTo(ccel.rtmr(1));
        assertThat(replayed[3]).isEqualTo(rtmrs.rtmr(3));
        MessageDigest rtmr2 = MessageDigest.getInstance("SHA-384");
        rtmr2.update(ccel.rtmr(2));
        rtmr2.update(MessageDigest.getInstance("SHA-384").digest(aaelEvent("example.org Step two")));
        assertThat(replayed[2]).isEqualTo(rtmr2.digest());
    }

    @Test
    void aaelWithoutCcelGetsASpecIdHeader() throws Exception {
        kernel.configfsTsm("tdx_guest").outblob(QUOTE_4);
        FakeTdxMeasurements rtmrs = kernel.tdxMeasurements();
        TdxAttester tdx = attester();
        RuntimeMeasurement.open(tdx, true, 17, aael).extend("d", "o", "c", Optional.empty());

        byte[] log = Base64s.fromStd(tdx.evidence(new byte[0]).get("cc_eventlog").asString());

        assertThat(Arrays.copyOfRange(log, 0, 8)).isEqualTo(new byte[] {0, 0, 0, 0, 3, 0, 0, 0});
        assertThat(log.length).isEqualTo(69 + java.nio.file.Files.size(aael) + 8);
        assertThat(CcelReplay.rtmrs(log)[3]).isEqualTo(rtmrs.rtmr(3));
    }

    @Test
    void rtmrRegisterMapsPcrsAsTheCcMeasurementProtocol() throws Exception {
        TdxRtmrRegister register = new TdxRtmrRegister(kernel, Path.of("/x"));
        assertThat(register.rtmr(1)).isEqualTo(0);
        assertThat(register.rtmr(7)).isEqualTo(0);
        assertThat(register.rtmr(4)).isEqualTo(1);
        assertThat(register.rtmr(8)).isEqualTo(2);
        assertThat(register.rtmr(15)).isEqualTo(2);
        assertThat(register.rtmr(0)).isEqualTo(3);
        assertThat(register.rtmr(17)).isEqualTo(3);
        assertThatThrownBy(() -> register.rtmr(24)).isInstanceOf(AttesterException.class);
        assertThat(attester().measurementRegister()).isEmpty();
        kernel.tdxMeasurements();
        assertThat(attester().measurementRegister()).isPresent();
    }
}
