package fr.numi.urgency.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of urgency-service, bound from {@code numi.urgency.*}.
 *
 * @param content the protocol's French data files
 * @param protocol timings
 * @param paging the level-3 page
 */
@Validated
@ConfigurationProperties("numi.urgency")
public record UrgencyProperties(Content content, Protocol protocol, Paging paging) {

    public UrgencyProperties {
        content = content == null ? new Content(null, null, null) : content;
        protocol = protocol == null ? new Protocol(null, null, null, null) : protocol;
        paging = paging == null ? new Paging(null, null, null) : paging;
    }

    /**
     * The data files level 3 reviews (classpath or file locations).
     *
     * @param incidentTypes labels, triage categories and keywords of each incident type
     * @param instructions the first instructions for the person
     * @param orientation the official services and the order in which to contact them
     */
    public record Content(Resource incidentTypes, Resource instructions, Resource orientation) {

        private static final DefaultResourceLoader RESOURCES = new DefaultResourceLoader();

        public Content {
            incidentTypes = incidentTypes == null ? RESOURCES.getResource("classpath:urgency/incident-types-fr.json") : incidentTypes;
            instructions = instructions == null ? RESOURCES.getResource("classpath:fr/numi/contracts/urgency/instructions-fr.json") : instructions;
            orientation = orientation == null ? RESOURCES.getResource("classpath:urgency/orientation-fr.json") : orientation;
        }
    }

    /**
     * @param handOverTimeout how long the broker may take to accept a message for the person before it counts as failed
     * @param lease how long an instance holds an urgency it works on before another may resume it
     * @param pageGrace how long a page may stay pending before the sweep sends it again
     * @param sweepEvery how often urgencies left half-way are looked for
     */
    public record Protocol(Duration handOverTimeout, Duration lease, Duration pageGrace, Duration sweepEvery) {

        public Protocol {
            handOverTimeout = handOverTimeout == null ? Duration.ofSeconds(5) : handOverTimeout;
            lease = lease == null ? Duration.ofSeconds(15) : lease;
            pageGrace = pageGrace == null ? Duration.ofMinutes(2) : pageGrace;
            sweepEvery = sweepEvery == null ? Duration.ofMinutes(1) : sweepEvery;
        }
    }

    /**
     * @param webhookUrl where alerts are posted (Alertmanager's {@code /api/v2/alerts} or compatible); empty = paging disabled
     * @param linkBaseUrl base of the links put in the page (this service's public URL)
     * @param team the {@code team} label of the alert, which Alertmanager routes on
     */
    public record Paging(String webhookUrl, String linkBaseUrl, String team) {

        public Paging {
            linkBaseUrl = linkBaseUrl == null || linkBaseUrl.isBlank() ? "http://127.0.0.1:8083" : linkBaseUrl;
            team = team == null || team.isBlank() ? "level-3" : team;
        }
    }
}
