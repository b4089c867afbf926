package fr.numi.ticket;

import fr.numi.contracts.cloudevents.CloudEventsConfiguration;
import fr.numi.contracts.retention.RetentionConfiguration;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Entry point of ticket-service: tickets, their lifecycle, the level queues and the person's tracking page. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({CloudEventsConfiguration.class, RetentionConfiguration.class})
@OpenAPIDefinition(
        info = @Info(title = "numi ticket-service", version = "v1",
                description = "The agents' desk (queues by level, claim, reply, notes, escalation, waiting, resolution, merge and"
                        + " split, triage corrections and the review list) with an agent's JWT, and the person's tracking: their"
                        + " ticket through the private token of their link, as JSON or a live stream, and their answer to"
                        + " « Est-ce réglé ? ». A ticket above the agent's level answers 404, like a ticket that does not exist."
                        + " Errors are problem+json (contracts/http/problem.schema.json)."),
        servers = @Server(url = "http://127.0.0.1:8082", description = "local run (./deploy/local/numi-local.sh)"))
@SecurityScheme(name = "agent", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An agent's JWT: sub = agent id, roles = AGENT_L1, AGENT_L2, AGENT_L3 and/or SUPERVISOR")
public class TicketServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TicketServiceApplication.class, args);
    }
}
