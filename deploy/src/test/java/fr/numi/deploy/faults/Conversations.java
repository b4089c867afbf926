package fr.numi.deploy.faults;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import fr.numi.deploy.identity.DemoAgents;
import fr.numi.deploy.stack.FakeGateways;
import fr.numi.deploy.stack.LocalStack;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * People writing on WhatsApp during the faults, and an agent answering each of them: the message reaches intake as
 * Meta posts it (signed), the agent (a supervisor of the stack's identity provider) claims the ticket and replies with
 * a text that names the conversation; the reply leaves through intake's delivery to {@link FakeGateways}, which counts
 * what it received. An answer the agent's call saved (200) must reach the person exactly once.
 *
 * <p>Each step is retried while the stack is down (503, refused connection, the ticket not there yet), within generous
 * limits; the reply itself is sent again only when it surely was not saved (503 or a refused connection), so a reply
 * that may have been saved is not made twice by the suite itself.
 */
final class Conversations implements AutoCloseable {

    private static final Duration STEP_LIMIT = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** One conversation: its WhatsApp number, the marker its reply carries, how far it got. */
    static final class Conversation {
        final String waId;
        final String marker;
        volatile String ticketId;
        /** The agent's reply call: "200" (saved), another status, "unknown" (no answer), or why it was never sent. */
        volatile String reply;

        Conversation(String waId, String marker) {
            this.waId = waId;
            this.marker = marker;
        }

        boolean replySaved() {
            return "200".equals(reply);
        }
    }

    private final LocalStack stack;
    private final FakeGateways gateways;
    private final String runId;
    private final ExecutorService workers = Executors.newFixedThreadPool(3, r -> {
        Thread thread = new Thread(r, "fault-conversation");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Conversation> conversations = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Conversations(LocalStack stack, FakeGateways gateways, String runId) {
        this.stack = stack;
        this.gateways = gateways;
        this.runId = runId;
    }

    /** Starts one conversation in the background. */
    void begin() {
        long n = sequence.incrementAndGet();
        String waId = "3361" + String.format("%07d", Math.floorMod((runId + "-" + n).hashCode(), 10_000_000));
        Conversation conversation = new Conversation(waId, "ref" + runId + "n" + n);
        conversations.add(conversation);
        workers.execute(() -> {
            try {
                run(conversation);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                conversation.reply = "interrupted";
            } catch (RuntimeException e) {
                conversation.reply = conversation.reply == null ? "not sent: " + e.getMessage() : conversation.reply;
            }
        });
    }

    /** Waits for every conversation begun to have its reply answered or given up, at most {@code limit}. */
    void await(Duration limit) throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Conversation> conversations() {
        return List.copyOf(conversations);
    }

    /** How many messages the fake providers received that carry the conversation's marker. */
    long delivered(Conversation conversation) {
        // closed by ")": the marker of conversation 2 is a prefix of conversation 20's
        return gateways.sent().stream().filter(s -> s.body().contains("(" + conversation.marker + ")")).count();
    }

    private void run(Conversation c) throws InterruptedException {
        retry("the WhatsApp message of " + c.marker, () -> whatsApp(c.waId, "Bonjour, mon téléphone ne reçoit plus mes e-mails depuis ce matin") == 200);
        retry("the ticket of " + c.marker, () -> (c.ticketId = ticketOf("+" + c.waId)) != null);
        retry("the claim of " + c.ticketId, () -> {
            HttpResponse<String> view = call("GET", "/api/v1/agent/tickets/" + c.ticketId, null);
            if (view.statusCode() != 200) {
                return false;
            }
            String status = JsonPath.read(view.body(), "$.status");
            if ("IN_PROGRESS".equals(status)) {
                return true;
            }
            return List.of("QUALIFIED", "REOPENED").contains(status)
                    && call("POST", "/api/v1/agent/tickets/" + c.ticketId + "/claim", null).statusCode() == 200;
        });
        String text = "{\"text\":\"Bonjour, vérifiez le mot de passe du compte dans Réglages (" + c.marker + ").\"}";
        long deadline = System.nanoTime() + STEP_LIMIT.toNanos();
        while (true) {
            try {
                HttpResponse<String> replied = call("POST", "/api/v1/agent/tickets/" + c.ticketId + "/replies", text);
                c.reply = Integer.toString(replied.statusCode());
                if (replied.statusCode() != 503 || System.nanoTime() > deadline) {
                    return;
                }
            } catch (ConnectException notSent) {
                c.reply = "connection refused";
                if (System.nanoTime() > deadline) {
                    return;
                }
            } catch (IOException e) {
                c.reply = "unknown";
                return;
            }
            TimeUnit.SECONDS.sleep(2);
        }
    }

    @FunctionalInterface
    private interface Step {
        boolean done() throws Exception;
    }

    private static void retry(String what, Step step) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_LIMIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (step.done()) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            TimeUnit.SECONDS.sleep(2);
        }
        throw new IllegalStateException(what + " not done within " + STEP_LIMIT + (last == null ? "" : " (last: " + last + ")"));
    }

    private HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, json, token(false));
        if (response.statusCode() == 401) {
            response = send(method, path, json, token(true));
        }
        return response;
    }

    private HttpResponse<String> send(String method, String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url("ticket-service") + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A supervisor's access token (the identity provider lives in the broker+store process: it may be away). */
    private String token(boolean fresh) {
        if (fresh) {
            tokens.remove("supervisor");
        }
        return tokens.computeIfAbsent("supervisor", k -> stack.token(DemoAgents.SUPERVISOR));
    }

    private int whatsApp(String waId, String text) throws IOException, InterruptedException {
        String wamid = "wamid.FAULT" + UUID.randomUUID().toString().replace("-", "");
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":\"messages\",\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"33100000000\",\"phone_number_id\":\""
                + FakeGateways.PHONE_NUMBER_ID + "\"},\"contacts\":[{\"profile\":{\"name\":\"Personne\"},\"wa_id\":\"" + waId + "\"}],"
                + "\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + (System.currentTimeMillis() / 1000)
                + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]}}]}]}";
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("intake-service") + "/api/v1/whatsapp/webhook"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", FakeGateways.metaSignature(body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The one ticket holding this contact, or null while there is none. */
    private String ticketOf(String contact) {
        try (MongoClient mongo = MongoClients.create(stack.mongoUri() + (stack.mongoUri().contains("?") ? "&" : "/?") + "serverSelectionTimeoutMS=5000")) {
            List<String> ids = new ArrayList<>();
            mongo.getDatabase("numi-ticket").getCollection("tickets")
                    .find(new Document("contacts.value", contact).append("status", new Document("$ne", null)))
                    .forEach(d -> ids.add(d.getString("_id")));
            return ids.size() == 1 ? ids.get(0) : null;
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
