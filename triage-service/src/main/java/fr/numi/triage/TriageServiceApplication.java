package fr.numi.triage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of triage-service: qualifies every received request (level, urgency, category, cyber). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TriageServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TriageServiceApplication.class, args);
    }
}
