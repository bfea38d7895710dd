package dev.arca.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoDirectoryTest {

    private static DemoDirectory populated() throws Exception {
        DemoDirectory demo = DemoDirectory.create();
        Files.createDirectories(demo.dir().resolve("admin"));
        Files.writeString(demo.dir().resolve("admin/admin-key.pem"), "key");
        Files.createDirectories(demo.dir().resolve("kbs-service"));
        Files.writeString(demo.dir().resolve("kbs-service/kek"), "kek");
        Files.createDirectories(demo.logs());
        Files.writeString(demo.logs().resolve("kbs-service.log"), "log");
        return demo;
    }

    @Test
    void removeLeavesNothing() throws Exception {
        DemoDirectory demo = populated();

        demo.remove();
        demo.remove();

        assertThat(demo.dir()).doesNotExist();
    }

    @Test
    void afterAFailureOnlyTheLogsStay() throws Exception {
        DemoDirectory demo = populated();
        try {
            demo.removeAllButLogs();

            assertThat(demo.dir().resolve("admin")).doesNotExist();
            assertThat(demo.dir().resolve("kbs-service")).doesNotExist();
            assertThat(demo.logs().resolve("kbs-service.log")).hasContent("log");
        } finally {
            demo.remove();
        }
    }
}
