package dev.arca.nvidia.rim;

import static dev.arca.nvidia.testpki.TestRimSigner.active;
import static dev.arca.nvidia.testpki.TestRimSigner.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arca.nvidia.testpki.TestRimSigner;
import dev.arca.nvidia.testpki.TestRimSigner.Measurement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** NVIDIA RIM files: the signature over the whole SWID tag, the signing chain, and the active measurements. */
class RimReaderTest {

    private static final TestRimSigner SIGNER = new TestRimSigner();
    private static final RimReader READER = new RimReader(List.of(SIGNER.root()));
    private static final List<Measurement> MEASUREMENTS = List.of(active(0, value(0x11)),
            active(2, value(0x21), value(0x22)), new Measurement(3, false, List.of(value(0x31))));

    private static RimException refusal(byte[] xml) {
        return assertThrows(RimException.class, () -> READER.read(xml, Instant.now()));
    }

    @Test
    void aSignedRimGivesItsActiveMeasurements() throws Exception {
        ReferenceIntegrityManifest rim = READER.read(SIGNER.rim("GH100", "96.00.9F.00.01", MEASUREMENTS),
                Instant.now());

        assertThat(rim.name()).isEqualTo("GH100");
        assertThat(rim.version()).isEqualTo("96.00.9F.00.01");
        assertThat(rim.tagId()).isEqualTo("GH100_96.00.9F.00.01");
        assertThat(rim.measurements()).containsOnlyKeys(0, 2);
        assertThat(rim.measurements().get(2)).containsExactly(value(0x21), value(0x22));
        assertThat(ReferenceIntegrityManifest.spdmIndex(0)).isEqualTo(1);
    }

    @Test
    void aChangedMeasurementBreaksTheSignature() {
        String signed = new String(SIGNER.rim("GH100", "1", MEASUREMENTS), StandardCharsets.UTF_8);
        byte[] tampered = signed.replace(value(0x11), value(0x12)).getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(tampered).getMessage()).contains("does not verify");
    }

    @Test
    void aRimSignedOutsideTheTrustAnchorsIsRefused() {
        byte[] stranger = TestRimSigner.rimSignedByStranger("GH100", "1", MEASUREMENTS);
        assertThat(refusal(stranger).getMessage()).contains("does not validate to a configured trust anchor");
    }

    @Test
    void theSigningChainIsOrderedFromItsLeafAndMustBeOneChain() throws Exception {
        Document document = TestRimSigner.unsigned("GH100", "1", MEASUREMENTS);
        byte[] rootFirst = TestRimSigner.sign(document, SIGNER.signerKey(), List.of(SIGNER.root(), SIGNER.signer()));
        assertThat(READER.read(rootFirst, Instant.now()).measurements()).containsOnlyKeys(0, 2);

        TestRimSigner other = new TestRimSigner();
        byte[] stray = TestRimSigner.sign(TestRimSigner.unsigned("GH100", "1", MEASUREMENTS), SIGNER.signerKey(),
                List.of(SIGNER.signer(), other.signer()));
        assertThat(refusal(stray).getMessage()).contains("do not form one chain");
    }

    @Test
    void theSigningChainMustBeValidAtTheVerificationTime() {
        byte[] rim = SIGNER.rim("GH100", "1", MEASUREMENTS);
        RimException e = assertThrows(RimException.class,
                () -> READER.read(rim, Instant.now().plus(Duration.ofDays(4000))));
        assertThat(e.getMessage()).contains("does not validate");
    }

    @Test
    void anUnsignedRimOrOneWithTwoSignaturesIsRefused() {
        byte[] unsigned = TestRimSigner.serialize(TestRimSigner.unsigned("GH100", "1", MEASUREMENTS));
        assertThat(refusal(unsigned).getMessage()).contains("exactly one XML signature");

        Document doubled = TestRimSigner.parse(SIGNER.rim("GH100", "1", MEASUREMENTS));
        Element root = doubled.getDocumentElement();
        Node signature = root.getLastChild();
        root.appendChild(signature.cloneNode(true));
        assertThat(refusal(TestRimSigner.serialize(doubled)).getMessage()).contains("exactly one XML signature");
    }

    @Test
    void aSignatureOverPartOfTheDocumentIsRefused() throws Exception {
        // a signature whose reference names an element by id: the rest of the document would be unsigned
        Document document = TestRimSigner.unsigned("GH100", "1", MEASUREMENTS);
        byte[] signed = TestRimSigner.sign(document, SIGNER.signerKey(), List.of(SIGNER.signer(), SIGNER.root()));
        String partial = new String(signed, StandardCharsets.UTF_8).replace("URI=\"\"", "URI=\"#meta\"");
        assertThat(refusal(partial.getBytes(StandardCharsets.UTF_8)).getMessage()).contains("cover the whole RIM");
    }

    @Test
    void notASwidTagOrNotXmlIsRefused() {
        assertThat(refusal("<a/>".getBytes(StandardCharsets.UTF_8)).getMessage()).contains("not a SWID tag");
        assertThat(refusal("not xml".getBytes(StandardCharsets.UTF_8)).getMessage()).contains("not well-formed");
        byte[] doctype = ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]>"
                + "<SoftwareIdentity xmlns=\"http://standards.iso.org/iso/19770/-2/2015/schema.xsd\">&e;"
                + "</SoftwareIdentity>").getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(doctype).getMessage()).contains("DOCTYPE");
        assertThat(refusal(new byte[RimReader.MAX_RIM_BYTES + 1]).getMessage()).contains("larger than");
    }

    @Test
    void measurementsMustBeSha384ValuesWithAnIndex() {
        assertThat(refusal(SIGNER.rim("GH100", "1", List.of(active(1)))).getMessage()).contains("no SHA-384 Hash0");
        assertThat(refusal(SIGNER.rim("GH100", "1", List.of(active(1, "abcd")))).getMessage())
                .contains("not a SHA-384 value");
        assertThat(refusal(SIGNER.rim("GH100", "1", List.of(active(1, value(1)), active(1, value(2)))))
                .getMessage()).contains("appears twice");
        assertThat(refusal(SIGNER.rim("GH100", "1", List.of(active(999, value(1))))).getMessage())
                .contains("no index");
    }

    @Test
    void noTrustAnchorIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new RimReader(List.of()));
    }
}
