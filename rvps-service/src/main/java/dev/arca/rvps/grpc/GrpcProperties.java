package dev.arca.rvps.grpc;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gRPC listener of upstream's reference.proto (Trustee protos/reference.proto; Trustee rvps/README.md), and the
 * two ways an upstream Attestation Service — whose RVPS client sends no metadata — may call it (docs/rvps.md
 * "Upstream attestation services").
 *
 * @param port                   TCP port; upstream's RVPS default is 50003; {@code 0} disables the gRPC listener
 * @param address                bind address, loopback by default like the HTTP port (set {@code 0.0.0.0} in
 *                               containers)
 * @param registrationSecretFile a file holding a shared secret (at least 32 characters); a call whose
 *                               {@code authorization} metadata is {@code Bearer <secret>} may register and query. A
 *                               proxy or sidecar in front of an upstream AS adds it. Unset: no such credential
 * @param trustNetworkCallers    calls without any {@code authorization} metadata may register and query: the caller
 *                               is trusted for being able to reach the listener. Off by default; warned at start
 */
@ConfigurationProperties("arca.rvps.grpc")
public record GrpcProperties(@DefaultValue("50003") int port, @DefaultValue("127.0.0.1") String address,
        Path registrationSecretFile, @DefaultValue("false") boolean trustNetworkCallers) {

    public GrpcProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("arca.rvps.grpc.port must be 0 (disabled) or a TCP port");
        }
    }

    public boolean enabled() {
        return port != 0;
    }
}
