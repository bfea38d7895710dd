package dev.arca.rvps;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Service limits and who may read.
 *
 * @param maxRequestSize       largest request body accepted; larger bodies are refused with 413 before they are parsed
 *                             (also the gRPC inbound message limit)
 * @param readAuth             {@code none}: the read endpoints are open (single-host launcher); {@code bearer}: they
 *                             need a JWT signed by a reader key (or an admin key), see docs/rvps.md
 * @param readerPublicKeyFiles PEM files whose keys may sign reader JWTs; required when {@code read-auth} is bearer
 */
@ConfigurationProperties("arca.rvps")
public record RvpsProperties(
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("none") ReadAuth readAuth,
        List<Path> readerPublicKeyFiles) {

    /** How the read endpoints (used by the Attestation Service) authenticate their callers. */
    public enum ReadAuth {
        /** Open; for one host, or when mTLS (server.ssl.client-auth=need) authenticates the caller instead. */
        NONE,
        /** {@code Authorization: Bearer <JWT>} with role reader or admin. */
        BEARER
    }

    public RvpsProperties {
        if (maxRequestSize.toBytes() <= 0 || maxRequestSize.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arca.rvps.max-request-size must be between 1B and 2GB");
        }
        readerPublicKeyFiles = readerPublicKeyFiles == null ? List.of() : List.copyOf(readerPublicKeyFiles);
        if (readAuth == ReadAuth.BEARER && readerPublicKeyFiles.isEmpty()) {
            throw new IllegalArgumentException("arca.rvps.read-auth=bearer needs arca.rvps.reader-public-key-files:"
                    + " without a reader key no client could read");
        }
    }
}
