package dev.arca.rvps;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The Reference Value Provider Service (docs/architecture.md "rvps-service"). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RvpsApplication {

    public static void main(String[] args) {
        SpringApplication.run(RvpsApplication.class, args);
    }

    /** Time is injectable: expiry checks and admin-token checks read this clock, so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
