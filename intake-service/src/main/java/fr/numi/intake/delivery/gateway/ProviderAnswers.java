package fr.numi.intake.delivery.gateway;

import fr.numi.intake.delivery.application.ProviderException;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a provider's answer: the message id on 2xx, a {@link ProviderException} otherwise (5xx and 429 transient). */
final class ProviderAnswers {

    private ProviderAnswers() {}

    interface IdReader {
        String id(JsonNode body);
    }

    interface CodeReader {
        String code(JsonNode body);
    }

    static Mono<String> read(String provider, ClientResponse response, JsonMapper json, IdReader id, CodeReader code) {
        HttpStatusCode status = response.statusCode();
        return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap(bytes -> {
            JsonNode body;
            try {
                body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
            } catch (RuntimeException e) {
                body = json.createObjectNode();
            }
            if (status.is2xxSuccessful()) {
                String messageId = id.id(body);
                return messageId == null || messageId.isBlank()
                        ? Mono.error(new ProviderException(provider + " answered " + status.value() + " without a message id", false))
                        : Mono.just(messageId);
            }
            boolean transientFailure = status.is5xxServerError() || status.value() == 429 || status.value() == 408;
            String providerCode = code.code(body);
            return Mono.error(new ProviderException(
                    provider + " answered " + status.value() + (providerCode == null ? "" : " code=" + providerCode), transientFailure));
        });
    }

    static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || node.isContainer() ? null : node.asString();
    }
}
