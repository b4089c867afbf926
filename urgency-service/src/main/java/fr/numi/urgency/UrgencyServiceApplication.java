package fr.numi.urgency;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of urgency-service: the cyber-urgency protocol (for now: watching red buttons and cyber decisions). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class UrgencyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(UrgencyServiceApplication.class, args);
    }
}
