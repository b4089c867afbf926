package fr.numi.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import fr.numi.deploy.identity.DemoAgents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md's table of who may call each endpoint, walked on the whole stack: every row, as every role (nobody
 * signed in, the demo agent of each level, the supervisor, the DPO, each signed in on the identity provider), and for
 * the ticket rows every level of ticket. Refusals are problem+json, but for the gateways' webhooks, which answer their
 * providers with an empty 403. The test names the rows it walks by the table's own endpoint cells, so a row
 * added to the docs without a check here, or an endpoint checked here that the docs leave out, fails it.
 */
class SecurityMatrixIT {

    /** Who calls: nobody signed in, or a demo agent of the local identity provider. */
    enum Caller {
        NOBODY(null, 0), L1(DemoAgents.L1, 1), L2(DemoAgents.L2, 2), L3(DemoAgents.L3, 3), SUPERVISOR(DemoAgents.SUPERVISOR, 3),
        DPO(DemoAgents.DPO, 0);

        final DemoAgents agent;
        /** The desk level: 0 for nobody and for the DPO, who has no agent role. */
        final int level;

        Caller(DemoAgents agent, int level) {
            this.agent = agent;
            this.level = level;
        }

        boolean agentRole() {
            return level > 0;
        }
    }

    /** One check of a row: a request, and the status each caller must get. */
    record Check(String method, String service, String path, String body, ToIntFunction<Caller> expected) {}

    record Row(String service, String endpoint, List<Check> checks) {}

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String UNKNOWN_TICKET = "NUMI-0000-0000";
    /** A check's service with this suffix goes to its management port. */
    static final String MANAGEMENT = "@management";

    static LocalStack stack;
    static final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    /** A ticket at each level (1, 2, 3), set by a supervisor's triage correction. */
    static final Map<Integer, String> tickets = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        for (Caller caller : Caller.values()) {
            if (caller.agent != null) {
                tokens.put(caller, stack.token(caller.agent));
            }
        }
        for (int level = 1; level <= 3; level++) {
            HttpResponse<String> accepted = send("POST", "intake-service", "/api/v1/requests", null,
                    "{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"matrix-" + level + "@example.org\"},"
                            + "\"description\":\"Ma tablette ne se connecte plus au wifi depuis ce matin.\"}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            tickets.put(level, JsonPath.read(accepted.body(), "$.ticketId"));
        }
        String supervisor = tokens.get(Caller.SUPERVISOR);
        tickets.forEach((level, ticket) -> await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            HttpResponse<String> view = send("GET", "ticket-service", "/api/v1/agent/tickets/" + ticket, supervisor, null);
            assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
            if (!Integer.valueOf(level).equals(JsonPath.read(view.body(), "$.level"))) {
                send("POST", "ticket-service", "/api/v1/agent/tickets/" + ticket + "/triage", supervisor,
                        "{\"level\":" + level + ",\"cyberTier\":\"NONE\"}");
                assertThat((Integer) JsonPath.read(send("GET", "ticket-service", "/api/v1/agent/tickets/" + ticket, supervisor, null).body(),
                        "$.level")).isEqualTo(level);
            }
        }));
    }

    // --- the table ---

    /** An agents' endpoint: 401 for nobody, 403 without an agent role, else {@code status}. */
    static ToIntFunction<Caller> agents(int status) {
        return caller -> caller == Caller.NOBODY ? 401 : caller.agentRole() ? status : 403;
    }

    static ToIntFunction<Caller> atLeast(int level, int status, int below) {
        return caller -> caller == Caller.NOBODY ? 401 : !caller.agentRole() ? 403 : caller.level >= level ? status : below;
    }

    static ToIntFunction<Caller> supervisors(int status) {
        return caller -> caller == Caller.NOBODY ? 401 : caller == Caller.SUPERVISOR ? status : 403;
    }

    /** A customer id nobody has: an export of it is empty, as any unknown person's. */
    static final String NOBODY = "cus_0123456789abcdef0123456789abcdef";

    /** The DPO's personal-data requests: 401 for nobody, 403 for every other role. */
    static ToIntFunction<Caller> dpo(int status) {
        return caller -> caller == Caller.NOBODY ? 401 : caller == Caller.DPO ? status : 403;
    }

    static Check check(String method, String service, String path, String body, ToIntFunction<Caller> expected) {
        return new Check(method, service, path, body, expected);
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("intake", "`POST /api/v1/requests`",
                List.of(check("POST", "intake-service", "/api/v1/requests", "{}", c -> 400))));
        rows.add(new Row("intake", "`POST /api/v1/feedback`",
                List.of(check("POST", "intake-service", "/api/v1/feedback",
                        "{\"ticketId\":\"" + UNKNOWN_TICKET + "\",\"trackingToken\":\"unknown-token-0123456789\",\"rating\":5}",
                        c -> 404))));
        rows.add(new Row("intake", "`POST /api/v1/tracking/{token}/messages`, `…/verification`, `…/verification/check`",
                List.of(check("POST", "intake-service", "/api/v1/tracking/unknown-token-0123456789/messages", "{\"text\":\"Bonjour\"}",
                        c -> 404))));
        rows.add(new Row("intake", "`GET/POST /api/v1/whatsapp/webhook`", List.of(
                check("GET", "intake-service", "/api/v1/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42", null,
                        c -> 403),
                check("POST", "intake-service", "/api/v1/whatsapp/webhook", "{\"object\":\"whatsapp_business_account\",\"entry\":[]}",
                        c -> 401))));
        rows.add(new Row("intake", "`POST /api/v1/phone/twilio/*`",
                List.of(check("FORM", "intake-service", "/api/v1/phone/twilio/voice", "CallSid=CA0&From=%2B33612345678", c -> 403))));
        rows.add(new Row("intake", "`POST /api/v1/cti/{token}`",
                List.of(check("POST", "intake-service", "/api/v1/cti/not-the-bridge-token", "{}", c -> 404))));
        rows.add(new Row("intake", "`POST /api/v1/agent/calls`",
                List.of(check("POST", "intake-service", "/api/v1/agent/calls", "{}", agents(400)))));
        rows.add(new Row("intake", "`GET /api/v1/attachments/{id}`",
                List.of(check("GET", "intake-service", "/api/v1/attachments/att_00000000000000000000000000000000", null, agents(404)))));
        rows.add(new Row("intake", "`GET /api/v1/outbox`",
                List.of(check("GET", "intake-service", "/api/v1/outbox?ticketId=" + UNKNOWN_TICKET, null, supervisors(200)))));
        rows.add(new Row("intake", "`POST /api/v1/privacy/erasures`, `GET …/{erasureId}`", List.of(
                check("POST", "intake-service", "/api/v1/privacy/erasures", "{}", dpo(400)),
                check("GET", "intake-service", "/api/v1/privacy/erasures/era_00000000000000000000000000000000", null, dpo(404)))));
        rows.add(new Row("intake", "`GET /api/v1/privacy/customers/{customerId}`, `POST /api/v1/privacy/exports`", List.of(
                check("GET", "intake-service", "/api/v1/privacy/customers/" + NOBODY, null, dpo(200)),
                check("POST", "intake-service", "/api/v1/privacy/exports", "{}", dpo(400)))));
        for (String service : List.of("triage", "ticket", "urgency", "feedback")) {
            rows.add(new Row(service, "`GET /api/v1/privacy/customers/{customerId}/data`", List.of(
                    check("GET", service + "-service", "/api/v1/privacy/customers/" + NOBODY + "/data", null, dpo(200)))));
        }
        rows.add(new Row("ticket", "`GET /api/v1/tracking/{token}`, `…/events`",
                List.of(check("GET", "ticket-service", "/api/v1/tracking/unknown-token-0123456789", null, c -> 404))));
        rows.add(new Row("ticket", "`POST /api/v1/tracking/{token}/resolution`",
                List.of(check("POST", "ticket-service", "/api/v1/tracking/unknown-token-0123456789/resolution", "{\"solved\":true}",
                        c -> 404))));
        rows.add(new Row("ticket", "`/`, `/suivi.html`, `/console/`, `/assets/*`", List.of(
                check("GET", "ticket-service", "/", null, c -> 200),
                check("GET", "ticket-service", "/suivi.html", null, c -> 200),
                check("GET", "ticket-service", "/console/", null, c -> 200),
                check("GET", "ticket-service", "/assets/console.js", null, c -> 200))));
        List<Check> queues = new ArrayList<>();
        for (int level = 1; level <= 3; level++) {
            queues.add(check("GET", "ticket-service", "/api/v1/agent/queues/" + level, null, atLeast(level, 200, 403)));
        }
        rows.add(new Row("ticket", "`GET /api/v1/agent/queues/{level}`, `POST …/claim`", queues));
        List<Check> ticketChecks = new ArrayList<>();
        tickets.forEach((level, ticket) -> {
            ticketChecks.add(check("GET", "ticket-service", "/api/v1/agent/tickets/" + ticket, null, atLeast(level, 200, 404)));
            ticketChecks.add(check("POST", "ticket-service", "/api/v1/agent/tickets/" + ticket + "/notes",
                    "{\"text\":\"Vérification des droits d'accès.\"}", atLeast(level, 200, 404)));
        });
        rows.add(new Row("ticket", "`GET /api/v1/agent/tickets/{id}` and its actions (claim, replies, notes, wait, resume, escalations, "
                + "resolve, close, reopen, merge, split, triage)", ticketChecks));
        rows.add(new Row("ticket", "`GET /api/v1/agent/review`",
                List.of(check("GET", "ticket-service", "/api/v1/agent/review", null, agents(200)))));
        rows.add(new Row("ticket", "`GET /api/v1/agent/categories`",
                List.of(check("GET", "ticket-service", "/api/v1/agent/categories", null, agents(200)))));
        rows.add(new Row("triage", "`POST /api/v1/triage/preview`",
                List.of(check("POST", "triage-service", "/api/v1/triage/preview", "{\"text\":\"Mon imprimante ne marche plus\"}",
                        agents(200)))));
        rows.add(new Row("urgency", "`POST /api/v1/urgencies`",
                List.of(check("POST", "urgency-service", "/api/v1/urgencies", "{}", agents(400)))));
        rows.add(new Row("urgency", "`GET /api/v1/urgencies/{ticketId}`, `PUT …/incident-type`",
                List.of(check("GET", "urgency-service", "/api/v1/urgencies/" + UNKNOWN_TICKET, null, atLeast(3, 404, 403)))));
        rows.add(new Row("feedback", "`GET /api/v1/kpis`",
                List.of(check("GET", "feedback-service", "/api/v1/kpis", null, supervisors(200)))));
        List<Check> probes = new ArrayList<>();
        List<Check> management = new ArrayList<>();
        for (String service : LocalStack.SERVICES) {
            probes.add(check("GET", service, "/livez", null, c -> 200));
            probes.add(check("GET", service, "/readyz", null, c -> 200));
            probes.add(check("GET", service, "/v3/api-docs", null, c -> 200));
            management.add(check("GET", service + MANAGEMENT, "/actuator/health", null, c -> 200));
            management.add(check("GET", service + MANAGEMENT, "/actuator/info", null, c -> 200));
            management.add(check("GET", service + MANAGEMENT, "/actuator/prometheus", null, c -> 200));
            // the main port serves no actuator endpoint
            management.add(check("GET", service, "/actuator/prometheus", null, c -> 404));
        }
        rows.add(new Row("all", "`/livez`, `/readyz` (the probes), `/v3/api-docs`", probes));
        rows.add(new Row("all", "management port: `/actuator/health/**`, `/actuator/info`, `/actuator/prometheus`", management));
        rows.add(new Row("all", "any other path", List.of(
                check("GET", "triage-service", "/api/v1/nothing-here", null, agents(404)),
                check("GET", "urgency-service", "/api/v1/nothing-here", null, c -> c == Caller.NOBODY ? 401 : 403),
                check("GET", "feedback-service", "/api/v1/nothing-here", null, agents(404)),
                check("GET", "ticket-service", "/api/v1/nothing-here", null, c -> c == Caller.NOBODY ? 401 : 403))));
        return rows;
    }

    @Test
    void shouldWalkEveryRowOfTheDocumentedTable() throws IOException {
        List<String> documented = documentedRows();
        List<String> walked = rows().stream().map(r -> r.service() + " | " + r.endpoint()).toList();
        assertThat(new TreeSet<>(walked)).as("rows walked here").isEqualTo(new TreeSet<>(documented));
    }

    @Test
    void shouldAnswerEachCallerAsTheTableSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Row row : rows()) {
            for (Check check : row.checks()) {
                for (Caller caller : Caller.values()) {
                    HttpResponse<String> response = send(check.method(), check.service(), check.path(), tokens.get(caller), check.body());
                    calls++;
                    int expected = check.expected().applyAsInt(caller);
                    if (response.statusCode() != expected) {
                        wrong.add(caller + " " + check.method() + " " + check.service() + check.path() + ": " + response.statusCode()
                                + " instead of " + expected + " " + abbreviate(response.body()));
                    }
                    boolean gateway = check.path().startsWith("/api/v1/whatsapp/") || check.path().startsWith("/api/v1/phone/");
                    if ((response.statusCode() == 401 || response.statusCode() == 403) && !gateway
                            && !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                        wrong.add(caller + " " + check.method() + " " + check.service() + check.path() + ": " + response.statusCode()
                                + " without problem+json");
                    }
                }
            }
        }
        assertThat(wrong).as("of %d calls", calls).isEmpty();
    }

    /** "service | endpoint" of each row of docs/security.md's owner table. */
    static List<String> documentedRows() throws IOException {
        String docs = Files.readString(Path.of("..").toAbsolutePath().normalize().resolve("docs/security.md"));
        String table = docs.substring(docs.indexOf("## Every endpoint has an owner"));
        return table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| service") && !l.startsWith("| ---"))
                .map(l -> l.substring(2).split(" \\| "))
                .map(cells -> cells[0].trim() + " | " + cells[1].trim())
                .collect(Collectors.toList());
    }

    static HttpResponse<String> send(String method, String service, String path, String bearer, String body)
            throws IOException, InterruptedException {
        String base = service.endsWith(MANAGEMENT) ? stack.managementUrl(service.substring(0, service.length() - MANAGEMENT.length()))
                : stack.url(service);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        switch (method) {
            case "GET" -> request.GET();
            case "FORM" -> request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
            default -> request.header("Content-Type", "application/json").method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String abbreviate(String body) {
        return body == null ? "" : body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }
}
