package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The chart under test, rendered offline by helm-java (Helm 3 as a native library). Renders go through one shared
 * {@link FakeKubernetesApi}, so they are serialised.
 */
final class ArcaChart {

    static final Path PATH = Path.of("helm", "arca");
    static final String RELEASE = "demo";
    static final String NAMESPACE = "arca";
    /** Resource names of the components: {@code <release>-arca-<component>}. */
    static final String PREFIX = RELEASE + "-arca-";
    /** The Kubernetes version the chart is rendered for (Helm's offline default, 1.20, is long out of support). */
    static final String KUBE_VERSION = "1.31.0";

    private static ArcaChart instance;

    private final Helm helm = new Helm(PATH);
    private final FakeKubernetesApi api = new FakeKubernetesApi();
    private List<String> lastRequests = List.of();

    private ArcaChart() {
        String kubeconfig = System.getenv("KUBECONFIG");
        if (kubeconfig == null || !kubeconfig.contains("fake-kubernetes")) {
            // never let Helm fall back to http://localhost:8080, where the suite may be running
            throw new IllegalStateException("run these tests through Maven: its surefire configuration points "
                    + "KUBECONFIG at the fake API server's kubeconfig (found KUBECONFIG=" + kubeconfig + ")");
        }
        try {
            api.writeKubeconfig(Path.of(kubeconfig));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized ArcaChart get() {
        if (instance == null) {
            instance = new ArcaChart();
        }
        return instance;
    }

    LintResult lint() {
        return helm.lint().strict().call();
    }

    synchronized Manifests render(ChartValues values) {
        try {
            return Manifests.parse(template(values));
        } catch (IllegalStateException e) {
            return fail("the chart did not render: " + e.getMessage(), e);
        }
    }

    /** Renders values that must be refused, and returns Helm's message. */
    synchronized String renderFailure(ChartValues values) {
        try {
            template(values);
        } catch (IllegalStateException e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.getMessage();
        }
        return fail("the chart rendered, but these values must be refused: " + values.sets);
    }

    /** The NOTES.txt shown after an install, from a client-side dry run (no lookup, no API call). */
    synchronized String notes(ChartValues values) {
        InstallCommand install = helm.install()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .clientOnly()
                .dryRun()
                .withDryRunOption(DryRun.CLIENT);
        for (Map.Entry<String, Object> set : values.sets.entrySet()) {
            install = install.set(set.getKey(), set.getValue());
        }
        for (Map.Entry<String, Path> file : values.files.entrySet()) {
            install = install.setFile(file.getKey(), file.getValue());
        }
        String output = install.call().getOutput();
        assertThat(output).contains("NOTES:");
        return output.substring(output.indexOf("NOTES:"));
    }

    /** The API requests of the last render (the chart's lookups). */
    synchronized List<String> lastRequests() {
        return lastRequests;
    }

    private String template(ChartValues values) {
        api.clear();
        values.existingSecrets.forEach((name, data) -> api.putSecret(NAMESPACE, name, data));
        TemplateCommand template = helm.template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Map.Entry<String, Object> set : values.sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        for (Map.Entry<String, Path> file : values.files.entrySet()) {
            template = template.setFile(file.getKey(), file.getValue());
        }
        Path valuesFile = null;
        try {
            if (values.valuesYaml != null) {
                valuesFile = Files.createTempFile("arca-values", ".yaml");
                Files.writeString(valuesFile, values.valuesYaml);
                template = template.withValuesFile(valuesFile);
            }
            return template.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lastRequests = api.requests();
            if (valuesFile != null) {
                try {
                    Files.deleteIfExists(valuesFile);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }
}
