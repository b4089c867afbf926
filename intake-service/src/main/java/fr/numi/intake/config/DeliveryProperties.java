package fr.numi.intake.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbound delivery settings, bound from {@code numi.intake.delivery.*}. A provider with no credentials
 * is replaced by the outbox (the local run): nothing leaves numi, the message can be read over HTTP.
 *
 * @param whatsapp the WhatsApp Cloud API Send Message endpoint and the approved templates used outside
 *     the 24 h window
 * @param twilio Twilio's Messages API (SMS to phone contacts); the auth token is {@code numi.intake.twilio.auth-token}
 * @param email SMTP for people who gave an e-mail address
 * @param resilience the guard around each provider call (instances {@code whatsapp-api}, {@code twilio-api}, {@code smtp})
 * @param retry the durable retries of a message a provider could not take for now (5xx, 429, time-out, open circuit)
 * @param maxPerContactPerHour messages numi sends to one contact (a number, an address) per clock hour, all tickets and
 *     routes together (WhatsApp, SMS, e-mail; the outbox counts as sent); over it the message is not sent and its
 *     outcome is FAILED {@code contact-capped}. Counted in MongoDB ({@code rate_limits}), shared by every instance
 */
@ConfigurationProperties("numi.intake.delivery")
public record DeliveryProperties(WhatsApp whatsapp, Twilio twilio, Email email, Resilience resilience, int maxPerContactPerHour,
        Retry retry) {

    public DeliveryProperties {
        whatsapp = whatsapp == null ? new WhatsApp(null, null, null, null, null, null, null) : whatsapp;
        twilio = twilio == null ? new Twilio(null, null, null) : twilio;
        email = email == null ? new Email(null, 0, null, null, null, false) : email;
        resilience = resilience == null ? new Resilience(null, 0, null, 0, 0, null, 0, null) : resilience;
        maxPerContactPerHour = maxPerContactPerHour <= 0 ? 10 : maxPerContactPerHour;
        retry = retry == null ? new Retry(null, null, null, null, null, 0) : retry;
    }

    /**
     * @param graphBaseUrl {@code https://graph.facebook.com}
     * @param apiVersion e.g. {@code v21.0}
     * @param phoneNumberId the sending number's id (WhatsApp Manager → API setup)
     * @param accessToken a system-user token with {@code whatsapp_business_messaging}; blank = outbox
     * @param templateName approved template for notifications outside the 24 h window: body
     *     {@code {{1}}} = ticket reference, {@code {{2}}} = the message
     * @param surveyTemplateName approved template for the satisfaction survey outside the window: body
     *     {@code {{1}}} = ticket reference, five quick-reply buttons (1 to 5)
     * @param templateLanguage the templates' language code
     */
    public record WhatsApp(
            String graphBaseUrl,
            String apiVersion,
            String phoneNumberId,
            String accessToken,
            String templateName,
            String surveyTemplateName,
            String templateLanguage) {

        public WhatsApp {
            graphBaseUrl = orDefault(graphBaseUrl, "https://graph.facebook.com").replaceAll("/+$", "");
            apiVersion = orDefault(apiVersion, "v21.0");
            phoneNumberId = orDefault(phoneNumberId, "");
            accessToken = orDefault(accessToken, "");
            templateName = orDefault(templateName, "numi_suivi_dossier");
            surveyTemplateName = orDefault(surveyTemplateName, "numi_avis");
            templateLanguage = orDefault(templateLanguage, "fr");
        }

        public boolean configured() {
            return !accessToken.isBlank() && !phoneNumberId.isBlank();
        }
    }

    /**
     * @param baseUrl {@code https://api.twilio.com}
     * @param accountSid the account (AC...); blank = outbox
     * @param from the Twilio number (E.164) or messaging service the SMS come from
     */
    public record Twilio(String baseUrl, String accountSid, String from) {

        public Twilio {
            baseUrl = orDefault(baseUrl, "https://api.twilio.com").replaceAll("/+$", "");
            accountSid = orDefault(accountSid, "");
            from = orDefault(from, "");
        }
    }

    /**
     * @param host the SMTP server; blank = outbox
     * @param port its port (587 with STARTTLS, 25, or the local run's 3025)
     * @param username, password SMTP credentials, when the server wants them (secrets: from the environment)
     * @param from the sender address people see and can answer
     * @param startTls require STARTTLS
     */
    public record Email(String host, int port, String username, String password, String from, boolean startTls) {

        public Email {
            host = orDefault(host, "");
            port = port <= 0 ? 587 : port;
            username = orDefault(username, "");
            password = orDefault(password, "");
            from = orDefault(from, "numi <ne-pas-repondre@numi.local>");
        }

        public boolean configured() {
            return !host.isBlank();
        }
    }

    /**
     * @param timeout time limit of one provider call
     * @param retryAttempts attempts in all (first call included) on 5xx, 429, timeouts and I/O errors
     * @param retryWait first back-off, doubled at each retry
     * @param failureRateThreshold percentage of failed calls that opens the circuit
     * @param slidingWindowSize calls the failure rate is computed over
     * @param openFor how long an open circuit refuses calls before trying again
     * @param maxConcurrentCalls bulkhead: provider calls in flight at once
     * @param maxWait bulkhead: how long a call waits for a free slot
     */
    public record Resilience(
            Duration timeout,
            int retryAttempts,
            Duration retryWait,
            int failureRateThreshold,
            int slidingWindowSize,
            Duration openFor,
            int maxConcurrentCalls,
            Duration maxWait) {

        public Resilience {
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            retryAttempts = retryAttempts <= 0 ? 3 : retryAttempts;
            retryWait = retryWait == null ? Duration.ofMillis(500) : retryWait;
            failureRateThreshold = failureRateThreshold <= 0 ? 50 : failureRateThreshold;
            slidingWindowSize = slidingWindowSize <= 0 ? 20 : slidingWindowSize;
            openFor = openFor == null ? Duration.ofSeconds(30) : openFor;
            maxConcurrentCalls = maxConcurrentCalls <= 0 ? 10 : maxConcurrentCalls;
            maxWait = maxWait == null ? Duration.ofSeconds(2) : maxWait;
        }
    }

    /**
     * Durable retries (collection {@code deliveries}): a message a provider could not take for now is tried again by
     * whichever instance claims it when due, the wait doubling from {@code firstWait} up to {@code maxWait}, until
     * {@code giveUpAfter} has passed since its first failure: then it is FAILED and the ticket's agents see it. The same
     * for every kind of message, cyber instructions included (none gives up sooner).
     *
     * @param firstWait wait before the first durable retry
     * @param maxWait the longest wait between two attempts
     * @param giveUpAfter the bounded total delay: no attempt starts later than this after the first failure
     * @param lease how long an instance owns a message it is sending; past it, without an outcome recorded, another
     *     instance takes it as "outcome unknown" (ADR 8). Longer than one guarded call can last (time limit × attempts
     *     plus back-off: 32 s with the defaults)
     * @param pollEvery how often each instance looks for due messages
     * @param batch messages one instance claims per poll
     */
    public record Retry(Duration firstWait, Duration maxWait, Duration giveUpAfter, Duration lease, Duration pollEvery, int batch) {

        public Retry {
            firstWait = firstWait == null ? Duration.ofSeconds(30) : firstWait;
            maxWait = maxWait == null ? Duration.ofMinutes(5) : maxWait;
            giveUpAfter = giveUpAfter == null ? Duration.ofMinutes(30) : giveUpAfter;
            lease = lease == null ? Duration.ofMinutes(2) : lease;
            pollEvery = pollEvery == null ? Duration.ofSeconds(5) : pollEvery;
            batch = batch <= 0 ? 10 : batch;
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
