package dev.arca.kbs.secret.vault;

import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretBackendUnavailableException;
import dev.arca.kbs.secret.SecretMetadata;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.resource.InvalidResourcePathException;
import dev.arca.model.resource.ResourcePath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.VaultMetadataResponse;
import org.springframework.vault.support.Versioned;
import org.springframework.web.client.RestClientException;

/**
 * The {@code vault} secret backend: HashiCorp Vault (or OpenBao) KV version 2 through Spring Vault. The secret
 * {@code <repo>/<type>/<tag>} is the KV entry of that path (under an optional prefix) in the configured mount, its value
 * in the member {@code data}, written as a JSON array of byte values like upstream's Vault backend (Trustee
 * resource_storage_backend.md); a JSON string (what {@code vault kv put ... data=value} stores) is read as its UTF-8
 * bytes. Delete removes every version and the metadata, so a deleted secret is gone, not only hidden.
 *
 * <p>Vault unreachable, sealed, timing out or refusing the KBS's token is {@link SecretBackendUnavailableException};
 * the log names the failure kind, never the token or a value.
 */
public class VaultSecretBackend implements SecretBackend {

    private static final Logger log = LoggerFactory.getLogger(VaultSecretBackend.class);
    static final String VALUE = "data";

    private final VaultVersionedKeyValueOperations kv;
    private final String prefix;

    /**
     * @param vault      an authenticated template
     * @param mount      the KV v2 mount, e.g. {@code secret}
     * @param pathPrefix folder under the mount holding the secrets, or empty
     */
    public VaultSecretBackend(VaultTemplate vault, String mount, String pathPrefix) {
        this.kv = vault.opsForVersionedKeyValue(strip(mount));
        String folder = strip(pathPrefix);
        this.prefix = folder.isEmpty() ? "" : folder + "/";
    }

    private static String strip(String path) {
        String stripped = path == null ? "" : path.strip();
        while (stripped.startsWith("/")) {
            stripped = stripped.substring(1);
        }
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }

    @Override
    public String name() {
        return "vault";
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public Optional<byte[]> get(ResourcePath path) {
        Versioned<Map<String, Object>> entry = call("read", () -> kv.get(prefix + path));
        if (entry == null || !entry.hasData() || entry.getData() == null) {
            return Optional.empty();
        }
        return Optional.of(value(path, entry.getData().get(VALUE)));
    }

    private static byte[] value(ResourcePath path, Object value) {
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof List<?> numbers) {
            byte[] bytes = new byte[numbers.size()];
            for (int i = 0; i < bytes.length; i++) {
                if (!(numbers.get(i) instanceof Number n) || n.intValue() < 0 || n.intValue() > 255) {
                    return malformed(path);
                }
                bytes[i] = (byte) n.intValue();
            }
            return bytes;
        }
        return malformed(path);
    }

    private static byte[] malformed(ResourcePath path) {
        log.error("Vault entry {} has no member '{}' holding a string or an array of bytes; not released", path,
                VALUE);
        throw new KbsException(KbsErrorType.PluginInternalError, "the stored resource is not in the expected form");
    }

    @Override
    public void put(ResourcePath path, byte[] secret) {
        List<Integer> bytes = new ArrayList<>(secret.length);
        for (byte b : secret) {
            bytes.add(b & 0xff);
        }
        call("write", () -> kv.put(prefix + path, Map.of(VALUE, bytes)));
    }

    @Override
    public boolean delete(ResourcePath path) {
        return call("delete", () -> {
            if (kv.opsForKeyValueMetadata().get(prefix + path) == null) {
                return false;
            }
            kv.opsForKeyValueMetadata().delete(prefix + path);
            return true;
        });
    }

    /**
     * Walks the three levels under the prefix with KV LIST calls (folders end with {@code /}) and reads each entry's
     * metadata for its times; the size is not known without reading the value, so it is left out.
     */
    @Override
    public List<SecretMetadata> list(String pathPrefix, int limit) {
        return call("list", () -> {
            List<SecretMetadata> found = new ArrayList<>();
            for (String repository : folders(prefix)) {
                for (String type : folders(prefix + repository)) {
                    for (String tag : entries(prefix + repository + type)) {
                        if (found.size() >= limit) {
                            return found;
                        }
                        String resource = repository + type + tag;
                        if (resource.startsWith(pathPrefix) && valid(resource)) {
                            VaultMetadataResponse metadata = kv.opsForKeyValueMetadata().get(prefix + resource);
                            if (metadata != null) {
                                found.add(new SecretMetadata(resource, null, null, metadata.getCreatedTime(),
                                        metadata.getUpdatedTime()));
                            }
                        }
                    }
                }
            }
            return found;
        });
    }

    private static boolean valid(String resource) {
        try {
            ResourcePath.parse(resource);
            return true;
        } catch (InvalidResourcePathException e) {
            return false;
        }
    }

    private List<String> folders(String path) {
        return listing(path).stream().filter(key -> key.endsWith("/")).toList();
    }

    private List<String> entries(String path) {
        return listing(path).stream().filter(key -> !key.endsWith("/")).toList();
    }

    private List<String> listing(String path) {
        List<String> keys = kv.list(path.isEmpty() ? "" : path);
        return keys == null ? List.of() : keys.stream().sorted().toList();
    }

    private static <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (VaultException | RestClientException e) {
            log.warn("Vault {} failed: {}", operation, e.getMessage());
            throw new SecretBackendUnavailableException("the Vault secret backend is unavailable", e);
        }
    }
}
