package fr.numi.intake.delivery.gateway;

import fr.numi.intake.config.DeliveryProperties;
import fr.numi.intake.delivery.application.OutgoingMessage;
import fr.numi.intake.delivery.application.WhatsAppSender;
import fr.numi.intake.delivery.domain.SurveyAnswer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WhatsApp Cloud API Send Message endpoint: {@code POST {graph-base-url}/{version}/{phone-number-id}/messages}
 * with the bearer token; the answer's {@code messages[0].id} is the wamid Meta's statuses will name.
 * Free text inside the 24 h window; outside it the approved templates (body parameters: the ticket
 * reference, then the message); the survey as an interactive list of five rows (reply buttons are
 * limited to three) or, outside the window, the survey template with five quick-reply buttons.
 */
@Component
class GraphApiWhatsAppSender implements WhatsAppSender {

    static final String NAME = "whatsapp-api";
    static final String[] RATINGS = {"1 — Pas satisfait", "2 — Peu satisfait", "3 — Moyennement", "4 — Satisfait", "5 — Très satisfait"};

    private final DeliveryProperties.WhatsApp settings;
    private final WebClient http;
    private final JsonMapper json;
    private final ProviderGuard guard;

    GraphApiWhatsAppSender(DeliveryProperties properties, JsonMapper json, MeterRegistry meters) {
        this.settings = properties.whatsapp();
        this.http = WebClient.builder().baseUrl(settings.graphBaseUrl()).build();
        this.json = json;
        this.guard = new ProviderGuard(NAME, properties.resilience(), meters);
    }

    @Override
    public boolean configured() {
        return settings.configured();
    }

    @Override
    public Mono<String> send(OutgoingMessage message) {
        byte[] body = json.writeValueAsBytes(body(message));
        return guard.guard(http.post()
                .uri("/{version}/{phoneNumberId}/messages", settings.apiVersion(), settings.phoneNumberId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.accessToken())
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToMono(response -> ProviderAnswers.read(NAME, response, json,
                        answer -> ProviderAnswers.text(answer.path("messages").path(0).path("id")),
                        answer -> ProviderAnswers.text(answer.path("error").path("code")))));
    }

    Map<String, Object> body(OutgoingMessage m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", m.to());
        switch (m.via()) {
            case WHATSAPP_TEXT -> {
                body.put("type", "text");
                body.put("text", Map.of("preview_url", false, "body", m.text()));
            }
            case WHATSAPP_INTERACTIVE -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int rating = 1; rating <= 5; rating++) {
                    rows.add(Map.of("id", SurveyAnswer.payload(m.ticketId(), rating), "title", RATINGS[rating - 1]));
                }
                body.put("type", "interactive");
                body.put("interactive", Map.of(
                        "type", "list",
                        "body", Map.of("text", m.text()),
                        "action", Map.of("button", "Donner une note", "sections", List.of(Map.of("title", "Votre note", "rows", rows)))));
            }
            case WHATSAPP_TEMPLATE -> {
                List<Object> components = new ArrayList<>();
                if (m.survey()) {
                    components.add(Map.of("type", "body", "parameters", List.of(param(m.ticketId()))));
                    for (int rating = 1; rating <= 5; rating++) {
                        components.add(Map.of("type", "button", "sub_type", "quick_reply", "index", Integer.toString(rating - 1),
                                "parameters", List.of(Map.of("type", "payload", "payload", SurveyAnswer.payload(m.ticketId(), rating)))));
                    }
                } else {
                    components.add(Map.of("type", "body", "parameters", List.of(param(m.ticketId()), param(templateText(m.text())))));
                }
                body.put("type", "template");
                body.put("template", Map.of(
                        "name", m.survey() ? settings.surveyTemplateName() : settings.templateName(),
                        "language", Map.of("code", settings.templateLanguage()),
                        "components", components));
            }
            default -> throw new IllegalArgumentException("not a WhatsApp message: " + m.via());
        }
        return body;
    }

    private static Map<String, Object> param(String text) {
        return Map.of("type", "text", "text", text);
    }

    /** Template parameters may hold no new line, tab or run of more than 4 spaces (Meta's rule). */
    static String templateText(String text) {
        String flat = text.replaceAll("\\s*[\\r\\n\\t]+\\s*", " ").replaceAll(" {4,}", "   ").strip();
        return flat.length() > 900 ? flat.substring(0, 899) + "…" : flat;
    }
}
