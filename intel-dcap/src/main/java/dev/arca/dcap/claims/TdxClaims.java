package dev.arca.dcap.claims;

import dev.arca.dcap.pck.SgxExtensions;
import dev.arca.dcap.quote.BodyDescriptor;
import dev.arca.dcap.quote.Quote;
import dev.arca.dcap.quote.QuoteHeader;
import dev.arca.dcap.quote.TdReport;
import dev.arca.dcap.quote.TdReport15;
import dev.arca.model.json.Hex;
import dev.arca.tpm.eventlog.TcgEventLog;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parsed-quote claims of a TDX quote with upstream's names and encodings (Trustee tdx verifier;
 * exact match with Trustee's parse_tdx_claims test expectations): {@code quote.header}, {@code quote.body},
 * {@code quote.type}/{@code quote.size} (v5 only), {@code td_attributes} flags, {@code report_data},
 * {@code init_data} (= mr_config_id), {@code platform_instance_id} (Platform-CA PCKs only, byte-reversed as trustee
 * renders it) and {@code uefi_event_logs} when an event log came with the quote. All byte fields are lowercase hex.
 */
public final class TdxClaims {

    private TdxClaims() {
    }

    public static ObjectNode build(Quote quote, SgxExtensions pck, Optional<TcgEventLog> eventLog) {
        TdReport td = quote.tdReport().orElseThrow(() -> new IllegalArgumentException("not a TDX quote"));
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        eventLog.ifPresent(log -> claims.set("uefi_event_logs", log.toClaims()));

        ObjectNode quoteNode = claims.putObject("quote");
        quoteNode.set("header", header(quote.header()));
        Optional<BodyDescriptor> descriptor = quote.bodyDescriptor();
        descriptor.ifPresent(d -> {
            quoteNode.put("type", Hex.of(new byte[] {(byte) d.type(), (byte) (d.type() >> 8)}));
            quoteNode.put("size", Hex.of(new byte[] {(byte) d.size(), (byte) (d.size() >> 8), (byte) (d.size() >> 16),
                (byte) (d.size() >> 24)}));
        });
        quoteNode.set("body", body(td));

        claims.set("td_attributes", tdAttributes(td.tdAttributesValue()));
        claims.put("report_data", Hex.of(td.reportData()));
        claims.put("init_data", Hex.of(td.mrConfigId()));
        PlatformInstance.put(claims, pck);
        return claims;
    }

    private static ObjectNode header(QuoteHeader header) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("version", Hex.of(new byte[] {(byte) header.version(), (byte) (header.version() >> 8)}));
        node.put("att_key_type", Hex.of(new byte[] {(byte) header.attestationKeyType(),
            (byte) (header.attestationKeyType() >> 8)}));
        long tee = header.teeType().code();
        node.put("tee_type", Hex.of(new byte[] {(byte) tee, (byte) (tee >> 8), (byte) (tee >> 16), (byte) (tee >> 24)}));
        node.put("reserved", Hex.of(header.reserved()));
        node.put("vendor_id", Hex.of(header.qeVendorId()));
        node.put("user_data", Hex.of(header.userData()));
        return node;
    }

    private static ObjectNode body(TdReport td) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("tcb_svn", Hex.of(td.teeTcbSvn()));
        node.put("mr_seam", Hex.of(td.mrSeam()));
        node.put("mrsigner_seam", Hex.of(td.mrSignerSeam()));
        node.put("seam_attributes", Hex.of(td.seamAttributes()));
        node.put("td_attributes", Hex.of(td.tdAttributes()));
        node.put("xfam", Hex.of(td.xfam()));
        node.put("mr_td", Hex.of(td.mrTd()));
        node.put("mr_config_id", Hex.of(td.mrConfigId()));
        node.put("mr_owner", Hex.of(td.mrOwner()));
        node.put("mr_owner_config", Hex.of(td.mrOwnerConfig()));
        for (int i = 0; i < 4; i++) {
            node.put("rtmr_" + i, Hex.of(td.rtmr(i)));
        }
        node.put("report_data", Hex.of(td.reportData()));
        if (td instanceof TdReport15 td15) {
            node.put("tee_tcb_svn2", Hex.of(td15.teeTcbSvn2()));
            node.put("mr_servicetd", Hex.of(td15.mrServiceTd()));
        }
        return node;
    }

    /** TD_ATTRIBUTES flags (TDX Module ABI spec): bits 0, 28, 30, 31, 63. */
    private static ObjectNode tdAttributes(long value) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("debug", (value & 1L) != 0);
        node.put("septve_disable", (value & (1L << 28)) != 0);
        node.put("protection_keys", (value & (1L << 30)) != 0);
        node.put("key_locker", (value & (1L << 31)) != 0);
        node.put("perfmon", (value & (1L << 63)) != 0);
        return node;
    }
}
