package fr.numi.intake.config;

import fr.numi.intake.attachment.domain.AttachmentPolicy;
import fr.numi.intake.request.domain.TicketIds;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IntakeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AttachmentPolicy attachmentPolicy(AttachmentProperties properties) {
        return properties.policy();
    }

    @Bean
    TicketIds ticketIds() {
        return new TicketIds(new SecureRandom());
    }
}
