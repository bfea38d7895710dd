package dev.arca.kbs.secret;

import dev.arca.model.resource.ResourcePath;
import java.util.List;
import java.util.Optional;

/**
 * Where the KBS keeps the secrets it releases, addressed by {@code <repository>/<type>/<tag>} (Trustee
 * resource_repository.md). One implementation per store, chosen by {@code arca.kbs.secrets.backend}
 * ({@link SecretBackendConfiguration}); every one passes the same contract test. Paths reaching a backend are always
 * validated {@link ResourcePath}s.
 *
 * <p>Failures are typed so the admin API and the release path answer what the caller can act on:
 * {@link ReadOnlySecretBackendException} for a write to a store managed elsewhere (405), and
 * {@link SecretBackendUnavailableException} when the store cannot be reached (503, retryable). Neither exception, nor
 * any log line of a backend, ever carries a secret value.
 */
public interface SecretBackend {

    /** The configuration name of this backend ({@code database}, {@code directory}, {@code vault}). */
    String name();

    /** False when the secrets are managed outside the KBS (a mounted Kubernetes Secret); writes are then refused. */
    boolean writable();

    Optional<byte[]> get(ResourcePath path);

    /** Creates or overwrites (upstream semantics, Trustee resource_storage_backend.md). */
    void put(ResourcePath path, byte[] secret);

    /** @return whether the secret existed */
    boolean delete(ResourcePath path);

    /**
     * Metadata of the stored secrets whose {@code repo/type/tag} starts with {@code prefix}, in path order, at most
     * {@code limit}; never a value.
     */
    List<SecretMetadata> list(String prefix, int limit);
}
