package dev.arca.dcap.claims;

import dev.arca.dcap.pck.SgxExtensions;
import dev.arca.dcap.quote.Quote;
import dev.arca.dcap.quote.QuoteHeader;
import dev.arca.dcap.quote.SgxEnclaveReport;
import dev.arca.model.json.Hex;
import java.util.Arrays;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parsed-quote claims of an SGX quote with upstream's names (Trustee sgx verifier): {@code header}
 * ({@code att_key_data_0} is the tee_type bytes, {@code qe_svn}/{@code pce_svn} the reserved bytes), {@code body}
 * (keys with dots are literal), {@code report_data}, {@code init_data} (= config_id) and
 * {@code platform_instance_id}. All byte fields are lowercase hex of the bytes as they appear in the quote.
 */
public final class SgxClaims {

    private SgxClaims() {
    }

    public static ObjectNode build(Quote quote, SgxExtensions pck) {
        SgxEnclaveReport body = quote.enclaveReport()
                .orElseThrow(() -> new IllegalArgumentException("not an SGX quote"));
        QuoteHeader header = quote.header();
        byte[] raw = header.raw();
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        ObjectNode headerNode = claims.putObject("header");
        headerNode.put("version", Hex.of(Arrays.copyOfRange(raw, 0, 2)));
        headerNode.put("att_key_type", Hex.of(Arrays.copyOfRange(raw, 2, 4)));
        headerNode.put("att_key_data_0", Hex.of(Arrays.copyOfRange(raw, 4, 8)));
        headerNode.put("qe_svn", Hex.of(Arrays.copyOfRange(raw, 8, 10)));
        headerNode.put("pce_svn", Hex.of(Arrays.copyOfRange(raw, 10, 12)));
        headerNode.put("vendor_id", Hex.of(header.qeVendorId()));
        headerNode.put("user_data", Hex.of(header.userData()));

        ObjectNode bodyNode = claims.putObject("body");
        bodyNode.put("cpu_svn", Hex.of(body.cpuSvn()));
        bodyNode.put("misc_select", Hex.of(body.miscSelect()));
        bodyNode.put("reserved1", Hex.of(body.reserved1()));
        bodyNode.put("isv_ext_prod_id", Hex.of(body.isvExtProdId()));
        bodyNode.put("attributes.flags", Hex.of(body.attributesFlags()));
        bodyNode.put("attributes.xfrm", Hex.of(body.attributesXfrm()));
        bodyNode.put("mr_enclave", Hex.of(body.mrEnclave()));
        bodyNode.put("reserved2", Hex.of(body.reserved2()));
        bodyNode.put("mr_signer", Hex.of(body.mrSigner()));
        bodyNode.put("reserved3", Hex.of(body.reserved3()));
        bodyNode.put("config_id", Hex.of(body.configId()));
        bodyNode.put("isv_prod_id", Hex.of(body.isvProdIdBytes()));
        bodyNode.put("isv_svn", Hex.of(body.isvSvnBytes()));
        bodyNode.put("config_svn", Hex.of(body.configSvn()));
        bodyNode.put("reserved4", Hex.of(body.reserved4()));
        bodyNode.put("isv_family_id", Hex.of(body.isvFamilyId()));
        bodyNode.put("report_data", Hex.of(body.reportData()));

        claims.put("report_data", Hex.of(body.reportData()));
        claims.put("init_data", Hex.of(body.configId()));
        PlatformInstance.put(claims, pck);
        return claims;
    }
}
