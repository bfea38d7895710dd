package dev.arca.kbs;

import dev.arca.kbs.secret.migration.SecretMigrationCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Key Broker Service: RCAR handshake, sessions, and resources released as JWE to attested TEE keys. With
 * {@code migrate-secrets} as first argument it copies secrets between backends instead ({@link SecretMigrationCommand}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KbsApplication {

    public static void main(String[] args) {
        if (args.length > 0 && SecretMigrationCommand.NAME.equals(args[0])) {
            System.exit(SecretMigrationCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(KbsApplication.class, args);
    }
}
