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
 * <p>The key: the one this tenant used before for that path ({@link KekStore}), else the tenant's own
 * ({@code keypath=}) or a new one, kept in the store — which is refused if the KBS already holds something at that
 * path: the provider never overwrites a secret someone else stored, nor a key images were encrypted under.
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
            byte[] kek = store.find(path);
            if (parameters.keyPath() != null) {
                byte[] given = KekStore.read(parameters.keyPath());
                if (kek != null && !Arrays.equals(kek, given)) {
                    throw new KeyProviderException(store.file(path) + " holds a different key for "
                            + parameters.kid() + " than " + parameters.keyPath() + ": choose a new keyid");
                }
                if (kek == null) {
                    refuseUnknown(parameters);
                    kek = store.keep(path, given);
                }
            } else if (kek == null) {
                refuseUnknown(parameters);
                kek = store.create(path);
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

    /**
     * A key is only ever written where the KBS holds nothing, or holds what this tenant's directory put there: never
     * over a secret someone else stored, nor over a key images were already encrypted under.
     */
    private void refuseUnknown(KeyWrapParameters parameters) throws KeyProviderException, AdminCallException {
        if (registry.exists(parameters.path())) {
            throw new KeyProviderException("the KBS already holds " + parameters.kid() + " and "
                    + store.file(parameters.path()) + " does not: choose a new keyid (or delete that resource "
                    + "first if it is yours and nothing was encrypted under it)");
        }
    }
}
