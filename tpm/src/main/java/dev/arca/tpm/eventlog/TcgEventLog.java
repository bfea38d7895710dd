package dev.arca.tpm.eventlog;

import dev.arca.model.json.Base64s;
import dev.arca.model.json.Hex;
import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.TpmVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed TCG event log: a TPM's PC Client log (crypto-agile or legacy SHA-1) or a confidential VM's CC event log
 * (the same crypto-agile format, indexed by CC measurement register). Replay extends each register from its initial
 * value, register_new = H(register_old ‖ digest), skipping EV_NO_ACTION, which is never extended (TCG PC Client
 * Platform Firmware Profile §10).
 *
 * @param format the log's format
 */
public record TcgEventLog(Format format, List<TcgEvent> events) {

    /** The two encodings of the TCG PC Client Platform Firmware Profile. */
    public enum Format {
        /** "Spec ID Event03" header, then TCG_PCR_EVENT2 entries with one digest per bank (TPM 2.0, CCEL). */
        CRYPTO_AGILE,
        /** TCG_PCR_EVENT entries with one SHA-1 digest each (TCG 1.2 format, still written by some firmware). */
        SHA1_LEGACY
    }

    /** PCRs of a PC Client TPM. */
    public static final int PCR_COUNT = 24;
    private static final byte[] STARTUP_LOCALITY = "StartupLocality\0".getBytes(StandardCharsets.US_ASCII);

    public TcgEventLog {
        events = List.copyOf(events);
    }

    /**
     * Replays the log into PCR0–23 of one bank. PCR0 starts at the locality a StartupLocality event before its first
     * extension records (its last byte; TCG PC Client Platform Firmware Profile §10.4.5.3), every other PCR at zero.
     */
    public byte[][] replayPcrs(TcgAlgorithm bank) {
        int size = bank.digestSize();
        byte[][] pcrs = new byte[PCR_COUNT][size];
        boolean pcr0Extended = false;
        for (TcgEvent event : events) {
            if (event.type() == TcgEventType.EV_NO_ACTION.code()) {
                if (event.index() == 0 && !pcr0Extended && event.data().length == STARTUP_LOCALITY.length + 1
                        && Arrays.equals(Arrays.copyOf(event.data(), STARTUP_LOCALITY.length), STARTUP_LOCALITY)) {
                    pcrs[0][size - 1] = event.data()[STARTUP_LOCALITY.length];
                }
                continue;
            }
            if (event.index() < 0 || event.index() >= PCR_COUNT) {
                continue;
            }
            extend(pcrs, (int) event.index(), event, bank);
            pcr0Extended |= event.index() == 0;
        }
        return pcrs;
    }

    /**
     * Replays a CC event log into RTMR0–3 with SHA-384 from 48 zero bytes: MR index 1 → RTMR0 … 4 → RTMR3 (UEFI CC
     * measurement protocol); index 0 (MRTD) is measured by the TDX module, not by the log.
     */
    public byte[][] replayRtmrs() {
        return replayCcMrs(TcgAlgorithm.SHA384);
    }

    /**
     * Replays a CC event log into CC measurement registers 1–4 of {@code bank}, each from zero: element i − 1 is
     * register i. TDX reports these registers as RTMR0–3 (SHA-384), Hygon CSV v2 reports as rtmr1–4 (SM3, Trustee csv
     * verifier); EV_NO_ACTION is never extended.
     */
    public byte[][] replayCcMrs(TcgAlgorithm bank) {
        byte[][] registers = new byte[4][bank.digestSize()];
        for (TcgEvent event : events) {
            if (event.index() < 1 || event.index() > 4 || event.type() == TcgEventType.EV_NO_ACTION.code()) {
                continue;
            }
            extend(registers, (int) event.index() - 1, event, bank);
        }
        return registers;
    }

    private static void extend(byte[][] registers, int register, TcgEvent event, TcgAlgorithm bank) {
        for (EventDigest digest : event.digests()) {
            if (digest.algorithm() == bank) {
                byte[] input = Arrays.copyOf(registers[register], registers[register].length + digest.digest().length);
                System.arraycopy(digest.digest(), 0, input, registers[register].length, digest.digest().length);
                registers[register] = bank.digest(input).orElseThrow();
            }
        }
    }

    /** The PCRs the log extends in {@code bank} (events other than EV_NO_ACTION with a digest of that bank). */
    public Set<Integer> measuredPcrs(TcgAlgorithm bank) {
        Set<Integer> measured = new TreeSet<>();
        for (TcgEvent event : events) {
            if (event.type() != TcgEventType.EV_NO_ACTION.code() && event.index() >= 0 && event.index() < PCR_COUNT
                    && event.digests().stream().anyMatch(d -> d.algorithm() == bank)) {
                measured.add((int) event.index());
            }
        }
        return measured;
    }

    /**
     * Replays the log into {@code bank} and requires every quoted PCR that the log measures to equal the replayed
     * value. PCRs the log does not measure (application PCRs, the init-data PCR) are not constrained by it.
     *
     * @param quoted PCR index → value, as the quote attests them
     * @throws TpmVerificationException {@link Reason#EVENT_LOG_MISMATCH} naming the first PCR that differs
     */
    public void requirePcrs(TcgAlgorithm bank, Map<Integer, byte[]> quoted) throws TpmVerificationException {
        byte[][] replayed = replayPcrs(bank);
        Set<Integer> measured = measuredPcrs(bank);
        for (Map.Entry<Integer, byte[]> pcr : quoted.entrySet()) {
            int index = pcr.getKey();
            if (measured.contains(index) && !MessageDigest.isEqual(replayed[index], pcr.getValue())) {
                throw new TpmVerificationException(Reason.EVENT_LOG_MISMATCH, "replaying the event log gives PCR"
                        + index + " (" + bank.displayName() + ") = " + Hex.of(replayed[index]) + ", the quote has "
                        + Hex.of(pcr.getValue()));
            }
        }
    }

    /** The {@code uefi_event_logs} claim (Trustee tdx verifier). */
    public ArrayNode toClaims() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ArrayNode array = nodes.arrayNode();
        for (TcgEvent event : events) {
            ObjectNode entry = array.addObject();
            entry.set("details", event.details().deepCopy());
            entry.put("digest_matches_event", event.digestMatchesEvent());
            ArrayNode digests = entry.putArray("digests");
            for (EventDigest digest : event.digests()) {
                digests.addObject().put("alg", digest.algorithm().displayName()).put("digest", Hex.of(digest.digest()));
            }
            entry.put("event", Base64s.std(event.data()));
            entry.set("index", EventDetailsDecoder.number(event.index()));
            entry.put("type_name", event.typeName());
        }
        return array;
    }
}
