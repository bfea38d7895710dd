package dev.arca.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The objects of one render, with look-ups by kind and component. */
final class Manifests {

    private final List<Manifest> all;

    private Manifests(List<Manifest> all) {
        this.all = List.copyOf(all);
    }

    @SuppressWarnings("unchecked")
    static Manifests parse(String multiDocumentYaml) {
        List<Manifest> parsed = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(multiDocumentYaml)) {
            if (document instanceof Map<?, ?> map) {
                parsed.add(new Manifest((Map<String, Object>) map));
            }
        }
        return new Manifests(parsed);
    }

    List<Manifest> all() {
        return all;
    }

    List<Manifest> ofKind(String kind) {
        return all.stream().filter(m -> kind.equals(m.kind())).toList();
    }

    Manifest one(String kind, String name) {
        List<Manifest> found = all.stream().filter(m -> kind.equals(m.kind()) && name.equals(m.name())).toList();
        assertThat(found).as("%s %s", kind, name).hasSize(1);
        return found.getFirst();
    }

    boolean has(String kind, String name) {
        return all.stream().anyMatch(m -> kind.equals(m.kind()) && name.equals(m.name()));
    }

    /** The object of a component, named {@code <release>-arca-<component>}. */
    Manifest component(String kind, String component) {
        return one(kind, ArcaChart.PREFIX + component);
    }

    /** The single container of a component's Deployment. */
    Map<String, Object> container(String component) {
        List<Object> containers = component("Deployment", component).list("spec.template.spec.containers");
        assertThat(containers).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> container = (Map<String, Object>) containers.getFirst();
        return container;
    }

    /** A component's environment: name → plain value, or the valueFrom map. */
    Map<String, Object> env(String component) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object entry : (List<?>) container(component).get("env")) {
            Map<?, ?> variable = (Map<?, ?>) entry;
            String name = (String) variable.get("name");
            assertThat(env).as("%s sets %s once", component, name).doesNotContainKey(name);
            env.put(name, variable.containsKey("value") ? String.valueOf(variable.get("value"))
                    : variable.get("valueFrom"));
        }
        return env;
    }

    /** The decoded bytes of one data entry of a Secret. */
    byte[] secretData(String name, String key) {
        Map<String, Object> data = one("Secret", name).map("data");
        String encoded = data == null ? null : (String) data.get(key);
        assertThat(encoded).as("Secret %s has %s", name, key).isNotNull();
        return Base64.getDecoder().decode(encoded);
    }

    /** Whether a label selector matches the pods of a component's Deployment. */
    boolean selects(Map<String, Object> selector, String component) {
        Map<String, Object> labels = component("Deployment", component).map("spec.template.metadata.labels");
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** A volume of a component's pod. */
    Map<?, ?> volume(String component, String name) {
        return component("Deployment", component).list("spec.template.spec.volumes").stream()
                .map(v -> (Map<?, ?>) v)
                .filter(v -> name.equals(v.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(component + " has no volume " + name));
    }

    /** Where a component's container mounts a volume. */
    String mountPath(String component, String volume) {
        return ((List<?>) container(component).get("volumeMounts")).stream()
                .map(m -> (Map<?, ?>) m)
                .filter(m -> volume.equals(m.get("name")))
                .map(m -> (String) m.get("mountPath"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(component + " does not mount " + volume));
    }
}
