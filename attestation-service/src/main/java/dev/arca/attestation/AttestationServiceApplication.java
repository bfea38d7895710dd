package dev.arca.attestation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Arca Attestation Service: verifies TEE evidence, appraises it with CEL policies against RVPS reference values
 * and signs EAR tokens (docs/architecture.md "attestation-service").
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AttestationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AttestationServiceApplication.class, args);
    }
}
