package fr.numi.urgency.config;

import fr.numi.urgency.emergency.application.ProtocolSettings;
import fr.numi.urgency.emergency.content.PlaybookFiles;
import fr.numi.urgency.emergency.domain.IncidentClassifier;
import fr.numi.urgency.emergency.domain.Playbook;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wiring: the protocol's content (validated here, at start-up: a bad file stops the service), timings, clock. */
@Configuration(proxyBeanMethods = false)
class UrgencyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(UrgencyConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        // Millisecond ticks: what is stored (BSON dates) and what is published read the same.
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1));
    }

    @Bean
    PlaybookFiles.Content urgencyContent(JsonMapper json, UrgencyProperties properties) {
        UrgencyProperties.Content files = properties.content();
        PlaybookFiles.Content content = new PlaybookFiles(json).load(files.incidentTypes(), files.instructions(), files.orientation());
        log.info("cyber urgency content loaded: instructions {}, orientation {}", content.playbook().instructionsVersion(),
                content.playbook().orientationVersion());
        return content;
    }

    @Bean
    Playbook playbook(PlaybookFiles.Content content) {
        return content.playbook();
    }

    @Bean
    IncidentClassifier incidentClassifier(PlaybookFiles.Content content) {
        return content.classifier();
    }

    @Bean
    ProtocolSettings protocolSettings(UrgencyProperties properties) {
        UrgencyProperties.Protocol p = properties.protocol();
        return new ProtocolSettings(p.handOverTimeout(), p.lease(), p.pageGrace());
    }
}
