package dev.arca.rvps.grpc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gRPC listener of upstream's reference.proto (Trustee protos/reference.proto; Trustee rvps/README.md).
 *
 * @param port    TCP port; upstream's RVPS default is 50003; {@code 0} disables the gRPC listener
 * @param address bind address, loopback by default like the HTTP port (set {@code 0.0.0.0} in containers)
 */
@ConfigurationProperties("arca.rvps.grpc")
public record GrpcProperties(@DefaultValue("50003") int port, @DefaultValue("127.0.0.1") String address) {

    public GrpcProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("arca.rvps.grpc.port must be 0 (disabled) or a TCP port");
        }
    }

    public boolean enabled() {
        return port != 0;
    }
}
