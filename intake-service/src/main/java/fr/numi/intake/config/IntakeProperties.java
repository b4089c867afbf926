package fr.numi.intake.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of intake-service, bound from {@code numi.intake.*}.
 *
 * @param customerIdSecret key of the HMAC that turns a contact into a pseudonymous customer id; a
 *     secret: comes from the environment ({@code NUMI_CUSTOMER_ID_SECRET}), never from code
 * @param trackingBaseUrl public URL prefix of the tracking API, the token is appended (the 202 answer's link)
 * @param trackingPageUrl public URL prefix of the person's tracking page, the token is appended (the link
 *     sent in messages)
 * @param maxBodyBytes cap on a request body; larger bodies get 413
 * @param publishTimeout how long a request waits for the broker's acknowledgement before 503
 * @param retryAfter the {@code Retry-After} advertised when the broker is unreachable
 * @param redButtonInstructions the level-3 playbook's instructions file (contracts' {@code instructions-fr.json}, the one
 *     urgency-service sends): a red button's 202 carries its {@code OTHER} lines, what to do whatever happened
 */
@Validated
@ConfigurationProperties("numi.intake")
public record IntakeProperties(
        @NotBlank @Size(min = 16, message = "must be at least 16 characters") String customerIdSecret,
        @NotBlank String trackingBaseUrl,
        String trackingPageUrl,
        @Positive int maxBodyBytes,
        Duration publishTimeout,
        Duration retryAfter,
        Resource redButtonInstructions) {

    private static final DefaultResourceLoader RESOURCES = new DefaultResourceLoader();

    public IntakeProperties {
        if (trackingPageUrl == null || trackingPageUrl.isBlank()) {
            trackingPageUrl = "http://127.0.0.1:8082/suivi.html?t=";
        }
        if (publishTimeout == null) {
            publishTimeout = Duration.ofSeconds(10);
        }
        if (retryAfter == null) {
            retryAfter = Duration.ofSeconds(30);
        }
        if (redButtonInstructions == null) {
            redButtonInstructions = RESOURCES.getResource("classpath:fr/numi/contracts/urgency/instructions-fr.json");
        }
    }
}
