package fr.numi.urgency;

import fr.numi.contracts.cloudevents.CloudEventsConfiguration;
import fr.numi.contracts.retention.RetentionConfiguration;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Entry point of urgency-service: the cyber-urgency protocol (for now: watching red buttons and cyber decisions). */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({CloudEventsConfiguration.class, RetentionConfiguration.class})
@OpenAPIDefinition(
        info = @Info(title = "numi urgency-service", version = "v1",
                description = "The agents' cyber-urgency API: declare an urgency on a ticket, read it (level 3, supervisors), revise"
                        + " its incident type. Errors are problem+json (contracts/http/problem.schema.json)."),
        servers = @Server(url = "http://127.0.0.1:8083", description = "local run (./deploy/local/numi-local.sh)"),
        security = @SecurityRequirement(name = "agent"))
@SecurityScheme(name = "agent", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An agent's JWT: sub = agent id, roles = AGENT_L1, AGENT_L2, AGENT_L3 and/or SUPERVISOR")
public class UrgencyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(UrgencyServiceApplication.class, args);
    }
}
