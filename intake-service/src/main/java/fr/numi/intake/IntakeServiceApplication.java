package fr.numi.intake;

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

/** Entry point of intake-service: the door through which every request enters numi. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({CloudEventsConfiguration.class, RetentionConfiguration.class})
@OpenAPIDefinition(
        info = @Info(title = "numi intake-service", version = "v1",
                description = "The door every request comes through: the web form and web gateways (X-Api-Key), the WhatsApp and"
                        + " Twilio webhooks (signed by the provider), PBX bridges (CTI token), the person's tracking link and rating"
                        + " form; and what agents use (the attachments people sent, the calls they log) with their JWT. Errors are"
                        + " problem+json (contracts/http/problem.schema.json)."),
        servers = @Server(url = "http://127.0.0.1:8080", description = "local run (./deploy/local/numi-local.sh)"))
@SecurityScheme(name = "agent", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An agent's JWT: sub = agent id, roles = AGENT_L1, AGENT_L2, AGENT_L3 and/or SUPERVISOR")
public class IntakeServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntakeServiceApplication.class, args);
    }
}
