package fr.numi.ticket.support;

import fr.numi.contracts.testing.Records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives ticket-service from the outside the way the other services do: writes intake and triage
 * records on the real broker (bodies built from the contract examples), reads the stored ticket and
 * the person's tracking view.
 */
public final class TicketDriver {

    public static final String RECEIVED = "intake.request-received.v1";
    public static final String RED_BUTTON = "intake.red-button-pressed.v1";
    public static final String TRIAGED = "triage.request-triaged.v1";
    public static final String LIFECYCLE = "ticket.lifecycle.v1";

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String brokers;
    private final MutableClock clock;
    private final ReactiveMongoTemplate mongo;
    private final WebTestClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public TicketDriver(String brokers, MutableClock clock, ReactiveMongoTemplate mongo, int port) {
        this.brokers = brokers;
        this.clock = clock;
        this.mongo = mongo;
        // No keep-alive: reactor-netty #4361 can stall a connection reused after an error answer, and the tests
        // answer many errors on purpose (401, 403, 404, 409).
        this.http = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create().keepAlive(false)))
                .baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    public WebTestClient http() {
        return http;
    }

    public String brokers() {
        return brokers;
    }

    /**
     * A request of one person: its own reference, request id and tracking token, and the contact it
     * came with (a web request's typed e-mail, not proven; a WhatsApp sender's number, proven).
     */
    public record Request(String ticketId, String requestId, String customerId, String token, String channel, String contactKind,
            String contactValue, boolean proven, List<String> reachableBy) {

        /** Another request from the same person (a follow-up message), on the same channel. */
        public Request nextFromSamePerson() {
            Request other = newRequest();
            return new Request(other.ticketId(), other.requestId(), customerId, other.token(), channel, contactKind, contactValue, proven,
                    reachableBy);
        }

        /** A web request typed by anyone with this person's contact (not proven). */
        public Request typedWithSameContact() {
            Request other = newRequest();
            return new Request(other.ticketId(), other.requestId(), customerId, other.token(), "WEB", contactKind, contactValue, false,
                    List.of("TRACKING_PAGE"));
        }
    }

    /** A WhatsApp message: the sender's number is proven by the provider. */
    public static Request newWhatsAppRequest() {
        Request web = newRequest();
        String number = "+336" + String.format("%08d", RANDOM.nextInt(100_000_000));
        return new Request(web.ticketId(), "wa:" + web.requestId(), web.customerId(), web.token(), "WHATSAPP", "WHATSAPP", number, true,
                List.of("WHATSAPP"));
    }

    public static Request newRequest() {
        StringBuilder id = new StringBuilder("NUMI-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                id.append('-');
            }
            id.append(CROCKFORD[RANDOM.nextInt(CROCKFORD.length)]);
        }
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        String token = HexFormat.of().formatHex(raw) + "abcdefghijk";
        String requestId = "web-" + HexFormat.of().formatHex(raw, 0, 8);
        return new Request(id.toString(), requestId, "cus_" + HexFormat.of().formatHex(raw), token, "WEB", "EMAIL",
                requestId + "@example.org", false, List.of("EMAIL", "TRACKING_PAGE"));
    }

    public void sendReceived(Request request, boolean redButton) {
        Records.send(brokers, RECEIVED, request.customerId(), request.requestId(), "/numi/intake-service",
                "fr.numi.intake.request-received.v1", request.ticketId(), json.writeValueAsBytes(received(request, redButton)));
    }

    /** The red button's copy of the request, as intake writes it first on its own topic. */
    public void sendRedButton(Request request) {
        Records.send(brokers, RED_BUTTON, request.customerId(), request.requestId() + ":red-button", "/numi/intake-service",
                "fr.numi.intake.red-button-pressed.v1", request.ticketId(), json.writeValueAsBytes(received(request, true)));
    }

    private ObjectNode received(Request request, boolean redButton) {
        ObjectNode body = (ObjectNode) json.readTree(Contracts.example(RECEIVED));
        body.put("ticketId", request.ticketId()).put("requestId", request.requestId()).put("customerId", request.customerId())
                .put("trackingTokenHash", sha256(request.token())).put("redButton", redButton)
                .put("receivedAt", clock.instant().toString()).put("channel", request.channel()).put("contactProven", request.proven());
        body.putObject("contact").put("kind", request.contactKind()).put("value", request.contactValue());
        var routes = body.putArray("reachableBy");
        request.reachableBy().forEach(routes::add);
        return body;
    }

    public void sendTriaged(Request request, int level, String urgency, boolean cyber) {
        sendTriaged(request, level, urgency, cyber, cyber ? "EMERGENCY" : "NONE", false);
    }

    /** triage's decision with its cyber tier (NONE, SUSPECTED, EMERGENCY) and whether it wants a human to check it. */
    public void sendTriaged(Request request, int level, String urgency, boolean cyber, String cyberTier, boolean needsReview) {
        ObjectNode body = (ObjectNode) json.readTree(Contracts.example(TRIAGED));
        body.put("ticketId", request.ticketId()).put("requestId", request.requestId()).put("customerId", request.customerId())
                .put("level", level).put("urgency", urgency).put("cyber", cyber).put("decidedAt", clock.instant().toString())
                .put("cyberTier", cyberTier).put("needsReview", needsReview);
        assertThat(Contracts.bodyViolations(TRIAGED, json.writeValueAsBytes(body))).isEmpty();
        Records.send(brokers, TRIAGED, request.customerId(), "triage-" + request.requestId(), "/numi/triage-service",
                "fr.numi.triage.request-triaged.v1", request.ticketId(), json.writeValueAsBytes(body));
    }

    public static final String VERIFIED = "intake.contact-verified.v1";

    /** intake's word that the person proved the contact of this request (a code sent to it). */
    public void sendContactVerified(Request request, List<String> reachableBy) {
        ObjectNode body = (ObjectNode) json.readTree(Contracts.example(VERIFIED));
        body.put("ticketId", request.ticketId()).put("customerId", request.customerId()).put("verificationId", "verified:" + request.ticketId())
                .put("verifiedAt", clock.instant().toString());
        body.putObject("contact").put("kind", request.contactKind()).put("value", request.contactValue());
        var routes = body.putArray("reachableBy");
        reachableBy.forEach(routes::add);
        Records.send(brokers, VERIFIED, request.customerId(), "verified:" + request.ticketId(), "/numi/intake-service",
                "fr.numi.intake.contact-verified.v1", request.ticketId(), json.writeValueAsBytes(body));
    }

    public static final String URGENCY = "urgency.cyber-urgency-declared.v1";

    /** urgency-service's declaration (from the contract example) for this request's ticket. */
    public void sendUrgency(Request request, int revision, String incidentType, String delivery) {
        ObjectNode body = (ObjectNode) json.readTree(Contracts.example(URGENCY));
        body.put("ticketId", request.ticketId()).put("customerId", request.customerId()).put("urgencyId", "urg-" + request.ticketId())
                .put("revision", revision).put("incidentType", incidentType).put("declaredAt", clock.instant().toString())
                .put("channel", request.channel());
        if (body.get("instructions") instanceof ObjectNode instructions) {
            instructions.put("delivery", delivery);
        }
        if (body.get("orientation") instanceof ObjectNode orientation) {
            orientation.put("delivery", delivery);
        }
        Records.send(brokers, URGENCY, request.ticketId(), "urg-" + request.ticketId() + "-r" + revision, "/numi/urgency-service",
                "fr.numi.urgency.cyber-urgency-declared.v1", request.ticketId(), json.writeValueAsBytes(body));
    }

    /** Sends a request and its triage, and waits until the person sees it qualified. */
    public Request qualified(int level) {
        Request request = newRequest();
        sendReceived(request, false);
        sendTriaged(request, level, "NORMAL", false);
        awaitStatus(request.token(), "QUALIFIED");
        return request;
    }

    public WebTestClient.BodyContentSpec awaitStatus(String token, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                http.get().uri("/api/v1/tracking/{token}", token).exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$.status").isEqualTo(status));
        return http.get().uri("/api/v1/tracking/{token}", token).exchange().expectStatus().isOk().expectBody();
    }

    public static Predicate<ConsumerRecord<String, byte[]>> about(String ticketId) {
        return r -> ticketId.equals(Records.header(r, "ce_subject"));
    }

    public static Predicate<ConsumerRecord<String, byte[]>> about(Request request) {
        return about(request.ticketId());
    }

    public static Predicate<ConsumerRecord<String, byte[]>> ofType(String ticketId, String typeName) {
        return r -> ticketId.equals(Records.header(r, "ce_subject")) && ("fr.numi.ticket." + typeName + ".v1").equals(Records.header(r, "ce_type"));
    }

    public Document storedTicket(String ticketId) {
        Document doc = storedTicketOrNull(ticketId);
        assertThat(doc).as("stored ticket " + ticketId).isNotNull();
        return doc;
    }

    public Document storedTicketOrNull(String ticketId) {
        return mongo.getCollection("tickets").flatMap(c -> Mono.from(c.find(new Document("_id", ticketId)).first()))
                .block(Duration.ofSeconds(5));
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
