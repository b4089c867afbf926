package fr.numi.intake.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Twilio Programmable Voice settings, bound from {@code numi.intake.twilio.*}.
 *
 * @param authToken the account's auth token: key of {@code X-Twilio-Signature}; blank = every callback refused
 * @param publicBaseUrl the URL Twilio calls, as Twilio sees it (e.g. {@code https://numi.example.org}):
 *     behind a proxy the signed URL is rebuilt from it; blank = the URL as this server received it
 * @param transcriptionWait how long after the end of a call with a recording its transcription is awaited
 *     before the request is published without it
 */
@ConfigurationProperties("numi.intake.twilio")
public record TwilioProperties(String authToken, String publicBaseUrl, Duration transcriptionWait) {

    public TwilioProperties {
        authToken = authToken == null ? "" : authToken;
        publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.replaceAll("/+$", "");
        transcriptionWait = transcriptionWait == null ? Duration.ofMinutes(2) : transcriptionWait;
    }
}
