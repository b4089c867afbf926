package fr.numi.feedback;

import fr.numi.contracts.cloudevents.CloudEventsConfiguration;
import fr.numi.contracts.retention.RetentionConfiguration;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Entry point of feedback-service: ratings and KPI counters exposed to Prometheus. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({CloudEventsConfiguration.class, RetentionConfiguration.class})
@OpenAPIDefinition(
        info = @Info(title = "numi feedback-service", version = "v1",
                description = "The hotline's KPIs over a window (satisfaction, first response, first-contact resolution,"
                        + " availability, cyber pickup) against its targets. Errors are problem+json"
                        + " (contracts/http/problem.schema.json)."),
        servers = @Server(url = "http://127.0.0.1:8084", description = "local run (./deploy/local/numi-local.sh)"))
public class FeedbackServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FeedbackServiceApplication.class, args);
    }
}
