package dev.arca.tpm.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decoded details of the grub logs in the corpus, as trustee's event-log crate renders them (its
 * CCEL_data_grub_out.json / CCEL_data_grub_gke_out.json test data, which the corpus does not copy): device paths
 * (ACPI, PCI, hard drive, file, vendor media, and the generic form for others) and IPL strings.
 */
@RealEvidence
class EventDetailsTest {

    private static List<JsonNode> details(String log, TcgEventType type) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (TcgEvent event : TcgEventLogParser.parse(Corpus.bytes("eventlog/" + log)).events()) {
            if (event.type() == type.code()) {
                found.add(event.details());
            }
        }
        return found;
    }

    private static List<String> paths(JsonNode details) {
        List<String> paths = new ArrayList<>();
        details.get("device_paths").forEach(p -> paths.add(p.stringValue()));
        return paths;
    }

    @Test
    void gkeBootApplicationPaths() throws Exception {
        List<JsonNode> apps = details("trustee_CCEL_data_grub_gke", TcgEventType.EV_EFI_BOOT_SERVICES_APPLICATION);
        assertThat(paths(apps.get(0))).containsExactly("ACPI(PNP0A03,0)", "Pci(0,4)",
                "Path(3,23,010000000000000000000000)",
                "HD(1,GPT,CB96A8E9-ADDC-4BE7-B68E-69B6D1EA59CB,0x800,0x100000)", "File(\\EFI\\BOOT\\BOOTX64.EFI)");
        assertThat(paths(apps.get(1))).containsExactly("VenMedia(55C5D1F8-04CD-46B5-8A20-E56CBB3052D0,)");

        List<String> ipl = new ArrayList<>();
        details("trustee_CCEL_data_grub_gke", TcgEventType.EV_IPL).forEach(d -> ipl.add(d.get("string").stringValue()));
        assertThat(ipl).containsExactly("linux", "linux", "osrel", "osrel", "cmdline", "cmdline", "initrd", "initrd",
                "uname", "uname", "sbat", "sbat");
    }

    @Test
    void grubBootApplicationPaths() throws Exception {
        List<JsonNode> apps = details("trustee_CCEL_data_grub", TcgEventType.EV_EFI_BOOT_SERVICES_APPLICATION);
        assertThat(apps).hasSize(5);
        assertThat(paths(apps.get(0))).containsExactly("ACPI(PNP0A03,0)", "Pci(0,1)", "Pci(0,0)", "Pci(0,1)",
                "Pci(0,0)", "HD(15,GPT,00F1275E-5375-43D5-9EB5-DE2ADD4C9932,0x2800,0x35000)",
                "File(\\EFI\\BOOT\\BOOTX64.EFI)");
        assertThat(paths(apps.get(1))).containsExactly("File(\\EFI\\BOOT\\fbx64.efi)");
        assertThat(paths(apps.get(3))).containsExactly("File(\\EFI\\ubuntu\\grubx64.efi)");
        assertThat(apps.get(4).isEmpty()).isTrue();

        List<String> tags = new ArrayList<>();
        details("trustee_CCEL_data_grub", TcgEventType.EV_EVENT_TAG).forEach(d -> tags.add(d.get("string").stringValue()));
        assertThat(tags).containsExactly("LOADED_IMAGE::LoadOptions", "Linux initrd");
    }

    /** Alibaba's AAEL tagged events: "domain operation content", content parsed as JSON when it is JSON. */
    @Test
    void aaelTaggedEventsAreDecoded() {
        byte[] text = "github.com/confidential-containers load {\"image\":\"busybox\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[8 + text.length];
        data[0] = 0x4C;
        data[1] = 0x45;
        data[2] = 0x41;
        data[3] = 0x41;
        data[4] = (byte) text.length;
        System.arraycopy(text, 0, data, 8, text.length);

        ObjectNode details = EventDetailsDecoder.decode(TcgEventType.EV_EVENT_TAG.code(), data);
        assertThat(details.get("unicode_name").stringValue()).isEqualTo("AAEL");
        assertThat(details.get("data").get("domain").stringValue()).isEqualTo("github.com/confidential-containers");
        assertThat(details.get("data").get("operation").stringValue()).isEqualTo("load");
        assertThat(details.get("data").get("content").get("image").stringValue()).isEqualTo("busybox");
    }

    @Test
    void malformedEventDataGivesEmptyDetails() {
        assertThat(EventDetailsDecoder.decode(TcgEventType.EV_EFI_VARIABLE_BOOT.code(), new byte[10]).isEmpty())
                .isTrue();
        assertThat(EventDetailsDecoder.decode(TcgEventType.EV_EFI_BOOT_SERVICES_APPLICATION.code(), new byte[40])
                .isEmpty()).isTrue();
        assertThat(EventDetailsDecoder.decode(TcgEventType.EV_EFI_ACTION.code(), new byte[] {(byte) 0xC3}).isEmpty())
                .isTrue();
        assertThat(EventDetailsDecoder.decode(0x12345678L, new byte[] {1}).isEmpty()).isTrue();
        assertThat(TcgEventType.nameOf(0x12345678L)).isEqualTo("EV_UNKNOWN_0x12345678");
    }
}
