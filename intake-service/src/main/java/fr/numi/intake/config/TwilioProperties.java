package fr.numi.intake.config;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Twilio Programmable Voice settings, bound from {@code numi.intake.twilio.*}.
 *
 * @param authToken the account's auth token: key of {@code X-Twilio-Signature}; blank = every callback refused
 * @param publicBaseUrl the URL Twilio calls, as Twilio sees it (e.g. {@code https://numi.example.org}):
 *     behind a proxy the signed URL is rebuilt from it; blank = the URL as this server received it
 * @param transcriptionWait how long after the end of a call with a recording its transcription is awaited
 *     before the request is published without it
 * @param agentLines the agents a caller may be put through to (menu choice 0), by agent id: their phone
 *     number or SIP address, rung together; the first to answer holds the call's ticket. None: no choice 0
 */
@ConfigurationProperties("numi.intake.twilio")
public record TwilioProperties(String authToken, String publicBaseUrl, Duration transcriptionWait, Map<String, String> agentLines) {

    public TwilioProperties {
        authToken = authToken == null ? "" : authToken;
        publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.replaceAll("/+$", "");
        transcriptionWait = transcriptionWait == null ? Duration.ofMinutes(2) : transcriptionWait;
        agentLines = agentLines == null ? Map.of() : new TreeMap<>(agentLines);
    }
}
