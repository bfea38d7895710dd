package dev.arca.admin.image;

import dev.arca.model.image.AnnotationPacket.WrapType;
import dev.arca.model.image.KeyProviderException;
import dev.arca.model.resource.InvalidResourcePathException;
import dev.arca.model.resource.ResourcePath;
import dev.arca.model.resource.ResourceUri;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tenant's choice for one encryption, given to ocicrypt as {@code --encryption-key
 * provider:attestation-agent:keyid=kbs:///repo/type/tag[::algorithm=A256GCM|A256CTR][::keypath=FILE]} (the
 * {@code key=value::key=value} list of upstream's coco_keyprovider README). ocicrypt hands the text after the
 * provider name to the provider as the {@code attestation-agent} parameter.
 *
 * @param kid       the KBS resource that will hold the key-encryption key; goes into the annotation
 * @param algorithm how the layer options are wrapped (default A256GCM, an AEAD)
 * @param keyPath   a 32-byte key-encryption key the tenant already has, or null to have one generated
 */
public record KeyWrapParameters(ResourceUri kid, WrapType algorithm, Path keyPath) {

    /** The provider name ocicrypt uses for CoCo's key provider, and the parameter it carries. */
    public static final String PROVIDER = "attestation-agent";

    public ResourcePath path() {
        return ResourcePath.of(kid.segments());
    }

    public static KeyWrapParameters parse(String text) throws KeyProviderException {
        if (text == null || text.isBlank()) {
            throw new KeyProviderException("no '" + PROVIDER + "' parameter: encrypt with --encryption-key "
                    + "provider:attestation-agent:keyid=kbs:///repo/type/tag");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : text.split("::")) {
            int equals = field.indexOf('=');
            if (equals <= 0) {
                throw new KeyProviderException("parameter '" + field + "' is not key=value");
            }
            values.put(field.substring(0, equals), field.substring(equals + 1));
        }
        for (String key : values.keySet()) {
            switch (key) {
                case "keyid", "algorithm", "keypath", "sample" -> { }
                default -> throw new KeyProviderException("unknown parameter '" + key
                        + "' (known: keyid, algorithm, keypath)");
            }
        }
        if (Boolean.parseBoolean(values.getOrDefault("sample", "false"))) {
            throw new KeyProviderException("sample=true (upstream's hard-coded key) is not offered: give a keyid");
        }
        String keyid = values.get("keyid");
        if (keyid == null) {
            throw new KeyProviderException("keyid=kbs:///repo/type/tag is required: the KBS resource that will "
                    + "hold the key-encryption key");
        }
        ResourceUri kid;
        try {
            kid = ResourceUri.parse(keyid);
        } catch (InvalidResourcePathException e) {
            throw new KeyProviderException("keyid: " + e.getMessage(), e);
        }
        if (!ResourceUri.DEFAULT_PLUGIN.equals(kid.plugin())) {
            throw new KeyProviderException("keyid must be a kbs:/// resource, not a kbs+" + kid.plugin() + " one");
        }
        WrapType algorithm = WrapType.parse(values.getOrDefault("algorithm", WrapType.A256GCM.name()));
        String keyPath = values.get("keypath");
        return new KeyWrapParameters(kid, algorithm, keyPath == null ? null : Path.of(keyPath));
    }
}
