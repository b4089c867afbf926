package fr.numi.intake.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * WhatsApp Business Cloud API settings, bound from {@code numi.intake.whatsapp.*}.
 *
 * @param appSecret the Meta app secret: key of {@code X-Hub-Signature-256}; blank = webhook refuses everything
 * @param verifyToken the token typed in Meta's webhook settings, checked by the GET handshake
 * @param redButtonKeywords words that make a message the red button (any case, any accent)
 * @param redButtonPayloads ids of the template/interactive buttons that are the red button
 */
@ConfigurationProperties("numi.intake.whatsapp")
public record WhatsAppProperties(
        String appSecret, String verifyToken, List<String> redButtonKeywords, List<String> redButtonPayloads) {

    public WhatsAppProperties {
        appSecret = appSecret == null ? "" : appSecret;
        verifyToken = verifyToken == null ? "" : verifyToken;
        redButtonKeywords = redButtonKeywords == null || redButtonKeywords.isEmpty() ? List.of("URGENCE") : List.copyOf(redButtonKeywords);
        redButtonPayloads = redButtonPayloads == null || redButtonPayloads.isEmpty() ? List.of("RED_BUTTON", "URGENCE") : List.copyOf(redButtonPayloads);
    }
}
