package fr.numi.intake.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long intake-service keeps each kind of personal data ({@code numi.retention.*}, docs/privacy.md "Retention"); the
 * purges run every {@code numi.retention.purge-every} (numi-defaults.yml), on one instance. Defaults in application.yml.
 *
 * @param contacts a customer's contact (phone, e-mail) after the last message they sent
 * @param requests a request's record (its contact, tracking token hash) after it arrived
 * @param inbound the gateways' message ids kept to recognise a redelivery, after the first delivery
 * @param calls call records (Twilio calls, PBX calls: callers' numbers) after the call started
 * @param attachments the media people sent (photos, voice notes, call recordings), after they arrived
 * @param deliveries the outcome of each message sent to a person, after the first attempt
 * @param verifications one-time codes and their counters, after they expired
 */
@Validated
@ConfigurationProperties("numi.retention")
public record RetentionProperties(Duration contacts, Duration requests, Duration inbound, Duration calls, Duration attachments,
        Duration deliveries, Duration verifications) {

    public RetentionProperties {
        contacts = contacts == null ? Duration.ofDays(365) : contacts;
        requests = requests == null ? Duration.ofDays(365) : requests;
        inbound = inbound == null ? Duration.ofDays(30) : inbound;
        calls = calls == null ? Duration.ofDays(90) : calls;
        attachments = attachments == null ? Duration.ofDays(90) : attachments;
        deliveries = deliveries == null ? Duration.ofDays(30) : deliveries;
        verifications = verifications == null ? Duration.ofDays(1) : verifications;
    }
}
