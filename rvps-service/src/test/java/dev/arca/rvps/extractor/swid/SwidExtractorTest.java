package dev.arca.rvps.extractor.swid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import dev.arca.model.rvps.ReferenceValue;
import dev.arca.rvps.InvalidRequestException;
import dev.arca.rvps.extractor.Extraction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwidExtractorTest {

    private static final String H1 = "758af96044c700f98a85347be27124d51c05b8784ba216b629b9aaab6d538c759aed9922a133e4ac4"
            + "73564d359b271d5";
    private static final String H2 = "ab".repeat(48);
    private static final String ZERO = "0".repeat(96);

    private final SwidExtractor extractor =
            new SwidExtractor(Clock.fixed(Instant.parse("2026-11-26T12:00:00.700Z"), ZoneOffset.UTC));

    /** A TCG RIM in SWID form, shaped like NVIDIA's GPU RIMs (Trustee rvps/README.md). */
    private static String rim(String manufacturer, String edition, String resources) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <SoftwareIdentity xmlns="http://standards.iso.org/iso/19770/-2/2015/schema.xsd"
                    xmlns:rim="https://trustedcomputinggroup.org/resource/tcg-reference-integrity-manifest-rim-information-model/"
                    xmlns:SHA384="http://www.w3.org/2001/04/xmlenc#sha384"
                    name="GH100" tagId="NV-GPU-1" version="96.00.5E.00.01">
                  <Meta edition="%s" rim:PlatformManufacturerStr="%s" rim:PlatformModel="GH100"/>
                  <Payload>
                    <Directory name="measurements">%s</Directory>
                  </Payload>
                </SoftwareIdentity>
                """.formatted(edition, manufacturer, resources);
    }

    private static String b64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> values(Extraction extraction) {
        Map<String, String> values = new LinkedHashMap<>();
        extraction.values().forEach(value -> values.put(value.name(), Json.write(value.value())));
        return values;
    }

    @Test
    void measurementsBecomeNamedHashLists() {
        String resources = """
                <Resource type="Measurement" index="12" SHA384:Hash0="%s" SHA384:Hash1="%s"/>
                <Resource type="Measurement" index="13" SHA384:Hash0="%s" SHA384:Hash1="%s"/>
                <Resource type="Measurement" index="14" SHA384:Hash0="%s"/>
                <Resource type="Measurement" index="15" SHA384:Hash0="%s" SHA384:Hash2="%s"/>
                <Resource type="Configuration" index="16" SHA384:Hash0="%s"/>
                """.formatted(H1, H2, ZERO, H2, ZERO, H1, H2, H1);

        Extraction extraction = extractor.extract(b64(rim("NVIDIA Corporation", "GPU", resources)));

        assertThat(values(extraction)).containsExactly(
                Map.entry("NVIDIA_Corporation.GPU.measurement_12", "[\"" + H1 + "\",\"" + H2 + "\"]"),
                // all-zero hashes are skipped; a resource with only zero hashes is skipped entirely (index 14)
                Map.entry("NVIDIA_Corporation.GPU.measurement_13", "[\"" + H2 + "\"]"),
                // hashes are read up to the first missing index: Hash2 after a missing Hash1 is not read
                Map.entry("NVIDIA_Corporation.GPU.measurement_15", "[\"" + H1 + "\"]"));
        assertThat(extraction.signerKeyId()).isNull();
        assertThat(extraction.values()).extracting(ReferenceValue::expiration)
                .containsOnly(Instant.parse("2027-11-26T12:00:00Z"));
    }

    @Test
    void dashesInTheNameBecomeUnderscores() {
        String resources = "<Resource type=\"Measurement\" index=\"1-a\" SHA384:Hash0=\"" + H1 + "\"/>";

        assertThat(values(extractor.extract(b64(rim("ACME Inc", "VBIOS-2", resources)))))
                .containsOnlyKeys("ACME_Inc.VBIOS_2.measurement_1_a");
    }

    @Test
    void requiredPartsAreExplained() {
        String noManufacturer = rim("X", "GPU", "").replace("rim:PlatformManufacturerStr=\"X\"", "");
        assertRefused(b64(noManufacturer), "PlatformManufacturerStr");
        assertRefused(b64(rim("X", "GPU", "").replace("edition=\"GPU\"", "")), "edition");
        assertRefused(b64("<SoftwareIdentity xmlns=\"http://standards.iso.org/iso/19770/-2/2015/schema.xsd\"/>"),
                "no a SWID Meta element");
        assertRefused(b64(rim("X", "GPU", "<Resource type=\"Measurement\" SHA384:Hash0=\"" + H1 + "\"/>")),
                "lacks its index");
        assertRefused(b64("<not-closed>"), "not a well-formed XML document");
        assertRefused("%%%", "not standard base64");
    }

    @Test
    void externalEntitiesAreNeverResolved(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + rim("&x;", "GPU", "").replaceFirst("<\\?xml[^>]*>", "");

        assertThatThrownBy(() -> extractor.extract(b64(xxe)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void entityExpansionIsRefused() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>";

        assertRefused(b64(laughs), "DOCTYPE");
    }

    private void assertRefused(String payload, String reason) {
        assertThatThrownBy(() -> extractor.extract(payload))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(reason);
    }
}
