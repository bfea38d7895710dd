package dev.arca.admin.image;

import dev.arca.admin.kbs.AdminCallException;
import dev.arca.model.image.AnnotationPacket;
import dev.arca.model.image.KeyProviderException;
import dev.arca.model.image.KeyProviderInput;
import dev.arca.model.image.KeyProviderOutput;
import dev.arca.model.resource.ResourcePath;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenant's encryption key provider, ocicrypt's {@code keywrap} side (what upstream's coco_keyprovider does):
 * takes the layer's private options and the tenant's {@link KeyWrapParameters}, makes sure the key-encryption key
 * sits in the KBS at the chosen {@code kbs:///} path, seals the options under it (AES-256-GCM by default) and answers
 * the annotation packet {@code {kid, wrapped_data, iv, wrap_type}} that the guest's key provider opens after
 * attestation. Unwrapping is the guest's job and is refused here.
 *
 * <p>The key: the tenant's own ({@code keypath=}), else the one this tenant made before for that path
 * ({@link KekStore}), else a new one — which is refused if the KBS already holds something at that path, so an image
 * encrypted earlier under that path is never orphaned by a silent replacement.
 */
public final class EncryptionKeyProvider {

    private final KekStore store;
    private final KekRegistry registry;
    /** Keys this process has put in the KBS already (gRPC mode serves many layers). */
    private final Map<ResourcePath, byte[]> registered = new ConcurrentHashMap<>();

    public EncryptionKeyProvider(KekStore store, KekRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** Answers one protocol input with the output JSON, spelled as the request was. */
    public byte[] handle(byte[] input) throws KeyProviderException {
        KeyProviderInput request = KeyProviderInput.parse(input);
        if (request.operation() != KeyProviderInput.Operation.WRAP) {
            throw new KeyProviderException("op keyunwrap is the guest's: run the attestation agent's keyprovider "
                    + "in the TEE (this is the tenant's encryption key provider)");
        }
        KeyWrapParameters parameters = KeyWrapParameters.parse(request.parameterText(KeyWrapParameters.PROVIDER));
        return KeyProviderOutput.wrapped(wrap(request.payload(), parameters), request.answerEncoding());
    }

    /** The annotation packet JSON of {@code optsData} sealed under the key at {@code parameters.kid()}. */
    public byte[] wrap(byte[] optsData, KeyWrapParameters parameters) throws KeyProviderException {
        byte[] kek = keyFor(parameters);
        return AnnotationPacket.seal(parameters.kid(), kek, optsData, parameters.algorithm()).toJson();
    }

    private byte[] keyFor(KeyWrapParameters parameters) throws KeyProviderException {
        ResourcePath path = parameters.path();
        try {
            byte[] kek;
            if (parameters.keyPath() != null) {
                kek = KekStore.read(parameters.keyPath());
            } else {
                kek = store.find(path);
                if (kek == null) {
                    if (registry.exists(path)) {
                        throw new KeyProviderException("the KBS already holds " + parameters.kid() + " and "
                                + store.file(path) + " does not: give that key with keypath=FILE, or choose a "
                                + "new keyid (a new key there would orphan what was encrypted under the old one)");
                    }
                    kek = store.create(path);
                }
            }
            byte[] known = registered.get(path);
            if (known == null || !Arrays.equals(known, kek)) {
                registry.store(path, kek);
                registered.put(path, kek);
            }
            return kek;
        } catch (AdminCallException e) {
            throw new KeyProviderException("cannot store the key-encryption key in the KBS at " + parameters.kid()
                    + ": " + e.getMessage(), e);
        }
    }
}
