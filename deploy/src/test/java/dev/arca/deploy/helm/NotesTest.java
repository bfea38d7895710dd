package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the operator reads after `helm install`: how to reach the KBS and how to administer it. */
class NotesTest {

    @Test
    void tellHowToReachTheKbsAndHowToGiveItAnAdminKey() {
        String notes = ArcaChart.get().notes(ChartValues.defaults());

        assertThat(notes).contains("kubectl --namespace arca port-forward service/demo-arca-kbs 8080:8080")
                .contains("No admin public key is configured, so every admin call is refused")
                .contains("./arca admin init --dir ./arca-admin")
                .contains("--set-file 'admin.publicKeys[0]=./arca-admin/admin/admin-pub.pem'")
                .contains("./arca admin set-resource default/key/1 --file secret.bin --dir ./arca-admin --kbs \"$KBS\"")
                .contains("Secret demo-arca-kek");
    }

    @Test
    void withAnAdminKeyAndAnIngressTheyPointAtThePublicUrl(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("admin-pub.pem");
        Files.writeString(key, ArcaChartKeys.p256PublicPem());

        String notes = ArcaChart.get().notes(ChartValues.defaults()
                .setFile("admin.publicKeys[0]", key)
                .set("kbs.ingress.enabled", true)
                .set("kbs.ingress.hosts[0].host", "kbs.tenant.example")
                .set("kbs.ingress.hosts[0].paths[0].path", "/kbs/v0")
                .set("kbs.ingress.tls[0].secretName", "kbs-tls"));

        assertThat(notes).contains("https://kbs.tenant.example")
                .doesNotContain("No admin public key is configured")
                .contains("accept admin JWTs signed by the private half");
    }

    @Test
    void warnWhenNothingIsPersisted() {
        String notes = ArcaChart.get().notes(ChartValues.defaults().set("rvps.persistence.enabled", false));

        assertThat(notes).contains("WARNING: without PostgreSQL or persistence");
    }
}
