package dev.arca.agent.keyprovider;

import dev.arca.model.image.AnnotationPacket;
import dev.arca.model.image.ByteEncoding;
import dev.arca.model.image.KeyProviderException;
import dev.arca.model.image.KeyProviderInput;
import dev.arca.model.image.KeyProviderOutput;
import dev.arca.model.resource.ResourceUri;

/**
 * The ocicrypt key-provider protocol, unwrap side, as the guest's key provider (guest-components IMAGE_ENCRYPTION.md;
 * containers/ocicrypt docs/keyprovider.md): ocicrypt sends a {@code KeyProviderKeyWrapProtocolInput},
 * {@code {"op": "keyunwrap", "keyunwrapparams": {"dc": ..., "annotation": <annotation packet JSON>}}}, and reads
 * {@code {"keyunwrapresults": {"optsdata": <layer options>}}}. The key-encryption key is a KBS resource named by the
 * packet's {@code kid}. The answer is spelled as the request was ({@link KeyProviderInput#answerEncoding()}), or
 * always as {@code forced} when the caller's library cannot be told from its request.
 */
public final class LayerKeyUnwrapper {

    /** Fetches a KBS resource (attesting as needed). */
    @FunctionalInterface
    public interface ResourceSource {
        byte[] fetch(ResourceUri uri) throws KeyProviderException;
    }

    private final ResourceSource resources;
    private final ByteEncoding forced;

    public LayerKeyUnwrapper(ResourceSource resources) {
        this(resources, null);
    }

    /** {@code forced}: the spelling of every answer, or null to answer as each request is spelled. */
    public LayerKeyUnwrapper(ResourceSource resources, ByteEncoding forced) {
        this.resources = resources;
        this.forced = forced;
    }

    /** Answers one protocol input (the bytes read from stdin or a gRPC message) with the output JSON bytes. */
    public byte[] handle(byte[] input) throws KeyProviderException {
        KeyProviderInput request = KeyProviderInput.parse(input);
        if (request.operation() == KeyProviderInput.Operation.WRAP) {
            throw new KeyProviderException("op keywrap is not served by the guest: this provider only unwraps "
                    + "(the tenant's encryption key provider is ./arca admin image-keyprovider)");
        }
        byte[] optsData = unwrap(AnnotationPacket.parse(request.payload()));
        return KeyProviderOutput.unwrapped(optsData, forced != null ? forced : request.answerEncoding());
    }

    /** The layer options sealed in {@code packet}, opened with the key-encryption key its {@code kid} names. */
    public byte[] unwrap(AnnotationPacket packet) throws KeyProviderException {
        if (!AnnotationPacket.KBS_PROVIDER.equals(packet.provider())) {
            throw new KeyProviderException("key provider '" + packet.provider() + "' is not supported (only kbs)");
        }
        return packet.open(resources.fetch(packet.kid()));
    }
}
