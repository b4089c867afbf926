package fr.numi.contracts.cloudevents;

import com.google.crypto.tink.Aead;
import fr.numi.contracts.json.JsonPaths;
import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.privacy.PersonalFields;
import fr.numi.contracts.privacy.PersonalFields.FieldPath;
import fr.numi.contracts.privacy.Sealing;
import fr.numi.contracts.privacy.UnstoredKey;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a Kafka record in CloudEvents binary mode, as a Spring Cloud Stream consumer function receives it, into the
 * consumer's own body record, or rejects it with a reason that names what is missing or invalid:
 * <ol>
 *   <li>numi's required attributes ({@code ce_specversion}, {@code ce_id}, {@code ce_source}, {@code ce_type},
 *       {@code ce_time}: contracts/events/cloudevents-kafka-headers.schema.json) present and not blank;</li>
 *   <li>the envelope parsed by the CloudEvents SDK ({@link KafkaMessageFactory}), which checks their values;</li>
 *   <li>a {@code ce_type} this input accepts;</li>
 *   <li>the JSON body read by the service's {@link JsonMapper} (unknown fields ignored: additive changes within a
 *       major version);</li>
 *   <li>the body record's Bean Validation constraints ({@code @NotBlank}, {@code @NotNull}, {@code @Valid}, …).</li>
 * </ol>
 * Reasons never quote a value: a record may carry a person's words.
 * <p>
 * Personal fields sealed by the {@link EventWriter} are opened with the key of the body's {@code customerId} before the
 * body is read, and only those the consumer's record declares. A customer whose key is gone (erased) gives a body
 * without those fields, which their constraints do not refuse: the event is processed without the person's data, never
 * dead-lettered for that. A record sealed with a key the store did not have yet carries it ({@link UnstoredKey}): it is
 * opened with that key, without asking the store.
 */
public final class EventReader {

    /** The attributes every numi event carries (CloudEvents' required ones, and the time). */
    public static final List<String> REQUIRED_ATTRIBUTES = List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time");

    private static final Set<Class<? extends Annotation>> PRESENCE = Set.of(NotNull.class, NotBlank.class, NotEmpty.class);
    private static final Pattern SDK_ATTRIBUTE = Pattern.compile("\"([a-z0-9]+)\"");

    private final JsonMapper json;
    private final Validator validator;
    private final PersonalFields personal;
    private final CustomerKeys keys;
    /** Per topic and consumer record: the personal fields to open. */
    private final Map<List<Object>, List<FieldPath>> declared = new ConcurrentHashMap<>();

    /** A reader with nothing to open: bodies are read as they are (tests of the envelope). */
    public EventReader(JsonMapper json, Validator validator) {
        this(json, validator, PersonalFields.none(), null);
    }

    public EventReader(JsonMapper json, Validator validator, PersonalFields personal, CustomerKeys keys) {
        this.json = json;
        this.validator = validator;
        this.personal = personal;
        this.keys = keys;
    }

    public <T> ReceivedEvent<T> read(Message<byte[]> message, Incoming<T> incoming) {
        String topic = incoming.topic();
        Headers headers = kafkaHeaders(message.getHeaders());
        List<String> missing = REQUIRED_ATTRIBUTES.stream().filter(name -> blank(headers, name)).toList();
        if (!missing.isEmpty()) {
            throw new RejectedEventException(topic + " record without " + String.join(", ", missing));
        }
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(headers, message.getPayload()).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new RejectedEventException(topic + " record with an invalid " + attributeOf(e), e);
        }
        if (!incoming.types().test(event.getType())) {
            throw new RejectedEventException(topic + " record with an unexpected ce_type (accepted: " + incoming.accepted() + ")");
        }
        List<String> erased = new ArrayList<>();
        byte[] carried = UnstoredKey.wrappedOf(message.getHeaders().get(UnstoredKey.HEADER));
        T body = body(topic, event.getData() == null ? null : event.getData().toBytes(), incoming.body(), carried, erased);
        EventKey key = new EventKey(event.getSource().toString(), event.getId());
        return new ReceivedEvent<>(key, event.getType(), event.getSubject(), event.getTime(), body, erased);
    }

    private <T> T body(String topic, byte[] data, Class<T> type, byte[] carried, List<String> erasedFields) {
        if (data == null || data.length == 0) {
            throw new RejectedEventException("empty " + topic + " record");
        }
        List<FieldPath> fields = personalFieldsOf(topic, type);
        List<String> shredded = List.of();
        T body;
        try {
            if (fields.isEmpty()) {
                body = json.readValue(data, type);
            } else {
                JsonNode tree = json.readTree(data);
                if (tree instanceof ObjectNode object && Sealing.anySealed(object, fields)) {
                    String customerId = object.path("customerId").asString("");
                    shredded = Sealing.open(object, fields, customerId, customerId.isBlank() ? null : key(topic, customerId, carried))
                            .shredded();
                }
                body = json.treeToValue(tree, type);
            }
        } catch (DatabindException e) {
            String field = JsonPaths.fieldOf(e);
            if (field == null) {
                throw unreadable(topic, e);
            }
            throw new RejectedEventException(topic + " record with an invalid " + field, e);
        } catch (JacksonException e) {
            throw unreadable(topic, e);
        }
        if (body == null) {
            throw new RejectedEventException("empty " + topic + " record");
        }
        List<String> erased = shredded;
        erasedFields.addAll(shredded);
        Set<ConstraintViolation<T>> violations = new HashSet<>(validator.validate(body));
        violations.removeIf(v -> erased.contains(field(v.getPropertyPath())));
        if (!violations.isEmpty()) {
            throw new RejectedEventException(topic + " record " + describe(type, violations));
        }
        return body;
    }

    /** The topic's personal fields the consumer's record declares (a record reads nothing else); worked out once. */
    private List<FieldPath> personalFieldsOf(String topic, Class<?> type) {
        return declared.computeIfAbsent(List.of(topic, type), k -> declaredFields(topic, type));
    }

    private List<FieldPath> declaredFields(String topic, Class<?> type) {
        List<FieldPath> fields = personal.of(topic);
        if (fields.isEmpty() || !type.isRecord()) {
            return fields;
        }
        Set<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
        return fields.stream().filter(f -> components.contains(f.root())).toList();
    }

    /**
     * The key the record carries (made while the key store did not answer), then, for what it does not open, the
     * customer's stored key: the store is asked only then. Null if there is neither.
     */
    private Aead key(String topic, String customerId, byte[] carried) {
        Aead withRecord = carried == null ? null : keys.carried(customerId, carried);
        if (withRecord == null) {
            return storedKey(topic, customerId);
        }
        return UnstoredKey.carriedFirst(withRecord, () -> storedKey(topic, customerId));
    }

    /** The customer's key, null if they have none; a key store that does not answer is a dependency failure. */
    private Aead storedKey(String topic, String customerId) {
        return CustomerKeys.await(keys.find(customerId), "opening a " + topic + " record");
    }

    /** "without a, b" for what is absent, "with an invalid c" for what is there but wrong, in the record's field order. */
    private static <T> String describe(Class<T> type, Set<ConstraintViolation<T>> violations) {
        List<String> order = type.isRecord()
                ? Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList()
                : List.of();
        Comparator<ConstraintViolation<T>> byField = Comparator
                .comparingInt((ConstraintViolation<T> v) -> rank(order, v))
                .thenComparing(v -> field(v.getPropertyPath()));
        List<ConstraintViolation<T>> sorted = violations.stream().sorted(byField).toList();
        List<String> absent = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (ConstraintViolation<T> v : sorted) {
            List<String> list = PRESENCE.contains(v.getConstraintDescriptor().getAnnotation().annotationType()) ? absent : invalid;
            String field = field(v.getPropertyPath());
            if (!list.contains(field)) {
                list.add(field);
            }
        }
        List<String> parts = new ArrayList<>();
        if (!absent.isEmpty()) {
            parts.add("without " + String.join(", ", absent));
        }
        if (!invalid.isEmpty()) {
            parts.add("with an invalid " + String.join(", ", invalid));
        }
        return String.join("; ", parts);
    }

    private static int rank(List<String> order, ConstraintViolation<?> v) {
        String first = v.getPropertyPath().iterator().next().getName();
        int index = order.indexOf(first);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    /** {@code before.level}, {@code requestIds[0]}: the path of a violation, container-element nodes folded. */
    private static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null && !field.isEmpty()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static RejectedEventException unreadable(String topic, JacksonException e) {
        String at = e.getLocation() == null ? "unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new RejectedEventException("unreadable " + topic + " record: " + e.getClass().getSimpleName() + " at " + at, e);
    }

    /** The header the SDK refused, named as on the record ({@code ce_time}); never its value. */
    private static String attributeOf(RuntimeException e) {
        if (e instanceof CloudEventRWException rw) {
            switch (rw.getKind()) {
                case INVALID_SPEC_VERSION:
                    return "ce_specversion";
                case UNKNOWN_ENCODING:
                    return "content-type or ce_specversion (not CloudEvents binary mode)";
                default:
                    break;
            }
        }
        Matcher name = SDK_ATTRIBUTE.matcher(String.valueOf(e.getMessage()));
        if (name.find()) {
            return "ce_" + name.group(1);
        }
        Matcher quoted = Pattern.compile("'([a-z0-9]+)'").matcher(String.valueOf(e.getMessage()));
        return quoted.find() ? "ce_" + quoted.group(1) : "CloudEvents attribute";
    }

    private static boolean blank(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null || new String(header.value(), StandardCharsets.UTF_8).isBlank();
    }

    /**
     * The record's CloudEvents headers as the Kafka client carries them. The binder hands raw headers over as bytes;
     * a test or another binder may hand them over as text.
     */
    private static Headers kafkaHeaders(Map<String, Object> messageHeaders) {
        RecordHeaders headers = new RecordHeaders();
        messageHeaders.forEach((name, value) -> {
            if (value != null && (name.startsWith("ce_") || name.equals("content-type"))) {
                headers.add(name, value instanceof byte[] bytes ? bytes : value.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
        return headers;
    }
}
