package dev.arca.bench.suite;

import dev.arca.agent.attester.SampleAttester;
import dev.arca.bench.Vectors;
import dev.arca.bench.load.AttestationLoad;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TDX leg of {@code ./arca bench}: a real TDX quote (Phala dcap-qvl's sample TD quote from the real-evidence
 * corpus, read in place) appraised by the suite's AS with its collateral cached, against the sample evidence in the
 * same run, so that the extra CPU a TDX guest costs can be set against its two P-256 verifies.
 *
 * <p>It goes to the AS's {@code POST /attestation} as the KBS sends it, not through the KBS: a recorded quote binds
 * the report data it was made with, never a nonce the KBS has just issued, so the KBS rightly refuses it. What TDX
 * changes in a flow is the AS's appraisal; the KBS only forwards a larger evidence document. The collateral expired in
 * 2025, so the AS verifies as of an instant inside its validity ({@code verify_at}, allowed for this suite only), and
 * reads it offline from a scratch folder that links to the corpus file.
 */
final class TdxLeg {

    static final String QUOTE = "tdx/phala_tdx_quote";
    static final String COLLATERAL = "intel-collateral/phala_tdx_quote_collateral.json";
    /** Inside the Phala collateral's validity window (MANIFEST, case I2). */
    static final String VERIFY_AT = "2025-07-01T00:00:00Z";

    /** TD quote layout (TDX QGL/QVL API spec, Appendix A): the 48-byte header, then report_data at 520 of the body. */
    private static final int REPORT_DATA = 48 + 520;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final byte[] quote;
    private final Path collateral;

    private TdxLeg(byte[] quote, Path collateral) {
        this.quote = quote;
        this.collateral = collateral;
    }

    /** The leg, when the corpus with the quote and its collateral is there. */
    static Optional<TdxLeg> find() throws IOException {
        Optional<Path> vectors = Vectors.find();
        if (vectors.isEmpty() || !Files.isRegularFile(vectors.get().resolve(QUOTE))
                || !Files.isRegularFile(vectors.get().resolve(COLLATERAL))) {
            return Optional.empty();
        }
        return Optional.of(new TdxLeg(Files.readAllBytes(vectors.get().resolve(QUOTE)),
                vectors.get().resolve(COLLATERAL).toAbsolutePath()));
    }

    /** The AS's settings: offline collateral from {@code scratch}/collateral/intel (a link), verify_at allowed. */
    List<String> asArguments(Path scratch) throws IOException {
        Path intel = Files.createDirectories(scratch.resolve("collateral").resolve("intel"));
        Files.createSymbolicLink(intel.resolve(collateral.getFileName()), collateral);
        return List.of("--arca.as.collateral.offline-dir=" + scratch.resolve("collateral"),
                "--arca.as.allow-verify-as-of=true");
    }

    /** The body the KBS would send for this TDX guest, bound to the quote's own report data. */
    String tdxBody() {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode()
                .put("quote", Base64.getEncoder().encodeToString(quote));
        return body("tdx", evidence.toString(), Arrays.copyOfRange(quote, REPORT_DATA, REPORT_DATA + 64));
    }

    /** The same for a sample guest (the evidence of {@code ./arca bench}'s flows), with fresh report data. */
    static String sampleBody() {
        byte[] reportData = new byte[64];
        new SecureRandom().nextBytes(reportData);
        return body("sample", new SampleAttester().evidence(reportData).toString(), reportData);
    }

    private static String body(String tee, String evidenceJson, byte[] reportData) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode request = body.putArray("verification_requests").addObject()
                .put("tee", tee)
                .put("evidence", url.encodeToString(evidenceJson.getBytes(StandardCharsets.UTF_8)));
        request.putObject("runtime_data").put("raw", url.encodeToString(reportData));
        body.putArray("policy_ids");
        body.put("verify_at", VERIFY_AT);
        return JSON.writeValueAsString(body);
    }

    /**
     * AS CPU per attestation of each kind, measured in alternating rounds so that both see the same load; the JIT
     * compiler threads' share of each kind too, since the TDX path (quote parsing, DCAP appraisal, its claims) runs
     * only in this leg and may still be compiling while it is measured.
     */
    record Result(double tdxMillis, double sampleMillis, double tdxJitMillis, double sampleJitMillis,
            int attestations) {

        double extraMillis() {
            return tdxMillis - sampleMillis;
        }

        double extraWithoutJitMillis() {
            return (tdxMillis - tdxJitMillis) - (sampleMillis - sampleJitMillis);
        }
    }

    Result measure(AttestationLoad load, ProcessMeter as, int threads, int warmup, int rounds, int perRound)
            throws Exception {
        String tdx = tdxBody();
        String sample = sampleBody();
        load.run(tdx, threads, warmup);
        load.run(sample, threads, warmup);
        long tdxNanos = 0;
        long sampleNanos = 0;
        long tdxJit = 0;
        long sampleJit = 0;
        int done = 0;
        for (int round = 0; round < rounds; round++) {
            long before = as.cpuNanos();
            long jitBefore = as.jitNanos();
            done += load.run(tdx, threads, perRound);
            long middle = as.cpuNanos();
            long jitMiddle = as.jitNanos();
            load.run(sample, threads, perRound);
            tdxNanos += middle - before;
            tdxJit += jitMiddle - jitBefore;
            sampleNanos += as.cpuNanos() - middle;
            sampleJit += as.jitNanos() - jitMiddle;
        }
        return new Result(tdxNanos / 1e6 / done, sampleNanos / 1e6 / done, tdxJit / 1e6 / done,
                sampleJit / 1e6 / done, done);
    }
}
