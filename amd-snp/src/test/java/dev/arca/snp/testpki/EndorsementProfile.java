package dev.arca.snp.testpki;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * What a test VCEK/VLEK looks like: its kind and subject name, productName, SPLs, hwID (raw or wrapped in a DER OCTET
 * STRING, as both occur in the wild), csp_id and validity.
 */
public record EndorsementProfile(SigningKey kind, String commonName, String productName, int structVersion,
        TcbVersion tcb, byte[] hwId, boolean hwIdAsOctetString, String cspId, Instant notBefore, Instant notAfter) {

    public static EndorsementProfile vcek(ProcessorGeneration generation, byte[] chipId, TcbVersion tcb) {
        String product = generation == ProcessorGeneration.TURIN ? "Turin" : generation.productName() + "-B0";
        return new EndorsementProfile(SigningKey.VCEK, "SEV-VCEK", product, generation.turinLayout() ? 1 : 0, tcb,
                Arrays.copyOf(chipId, generation.hwIdLength()), false, null, AmdTestPki.NOT_BEFORE,
                AmdTestPki.NOT_AFTER);
    }

    public static EndorsementProfile vlek(ProcessorGeneration generation, TcbVersion tcb, String cspId) {
        return new EndorsementProfile(SigningKey.VLEK, "SEV-VLEK", generation.productName(), 0, tcb, null, false,
                cspId, AmdTestPki.NOT_BEFORE, AmdTestPki.NOT_AFTER);
    }

    public EndorsementProfile withValidity(Instant from, Instant to) {
        return new EndorsementProfile(kind, commonName, productName, structVersion, tcb, hwId, hwIdAsOctetString,
                cspId, from, to);
    }

    public EndorsementProfile withHwIdAsOctetString() {
        return new EndorsementProfile(kind, commonName, productName, structVersion, tcb, hwId, true, cspId, notBefore,
                notAfter);
    }

    public EndorsementProfile withTcb(TcbVersion other) {
        return new EndorsementProfile(kind, commonName, productName, structVersion, other, hwId, hwIdAsOctetString,
                cspId, notBefore, notAfter);
    }

    public EndorsementProfile withProductName(String other) {
        return new EndorsementProfile(kind, commonName, other, structVersion, tcb, hwId, hwIdAsOctetString, cspId,
                notBefore, notAfter);
    }

    void addExtensions(JcaX509v3CertificateBuilder builder) throws IOException {
        builder.addExtension(AmdTestPki.oid("1"), false, AmdTestPki.integer(structVersion));
        builder.addExtension(AmdTestPki.oid("2"), false, AmdTestPki.ia5(productName));
        builder.addExtension(AmdTestPki.oid("3.1"), false, AmdTestPki.integer(tcb.bootloader()));
        builder.addExtension(AmdTestPki.oid("3.2"), false, AmdTestPki.integer(tcb.tee()));
        builder.addExtension(AmdTestPki.oid("3.3"), false, AmdTestPki.integer(tcb.snp()));
        builder.addExtension(AmdTestPki.oid("3.8"), false, AmdTestPki.integer(tcb.microcode()));
        if (tcb.hasFmc()) {
            builder.addExtension(AmdTestPki.oid("3.9"), false, AmdTestPki.integer(tcb.fmc()));
        }
        if (hwId != null) {
            // real KDS VCEKs carry the raw hwID as the extension value; some certificates wrap it
            builder.addExtension(AmdTestPki.oid("4"), false, hwIdAsOctetString ? AmdTestPki.octets(hwId) : hwId);
        }
        if (cspId != null) {
            builder.addExtension(AmdTestPki.oid("5"), false, AmdTestPki.ia5(cspId));
        }
    }
}
