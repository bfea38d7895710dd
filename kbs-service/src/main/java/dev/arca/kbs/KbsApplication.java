package dev.arca.kbs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Key Broker Service: RCAR handshake, sessions, and resources released as JWE to attested TEE keys. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KbsApplication {

    public static void main(String[] args) {
        SpringApplication.run(KbsApplication.class, args);
    }
}
