package fr.numi.deploy.faults;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web requests at a steady rate, on a thread of its own, as a careful gateway sends them: each with a contact nobody
 * else uses and an {@code Idempotency-Key} of its own (its request id), sent again with the same key after a 503, a
 * 429, a time-out or a refused connection (waiting what {@code Retry-After} says, at most 5 s), up to
 * {@link #ATTEMPTS} times. A request answered 202 is a promise: the suite checks it became exactly one ticket.
 */
final class WebLoad implements AutoCloseable {

    static final int ATTEMPTS = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<String> PROBLEMS = List.of(
            "Mon imprimante ne veut plus imprimer depuis hier, le voyant clignote.",
            "J'ai oublié le mot de passe de ma boîte mail, je n'arrive plus à me connecter.",
            "Mon ordinateur est devenu très lent depuis la dernière mise à jour de Windows.",
            "Comment envoyer une photo à mes petits-enfants depuis ma tablette ?");

    /** One request: its id and contact, when it was first sent, and its last answer. */
    static final class Request {
        final String requestId;
        final String contact;
        final long firstSentNanos;
        volatile int attempts;
        /** The HTTP status of the last answer, or "timeout" / "connection"; null while unanswered. */
        volatile String outcome;
        volatile String ticketId;
        volatile long answeredNanos;

        Request(String requestId, String contact, long firstSentNanos) {
            this.requestId = requestId;
            this.contact = contact;
            this.firstSentNanos = firstSentNanos;
        }

        boolean accepted() {
            return "202".equals(outcome) && ticketId != null;
        }
    }

    private final URI requests;
    private final String runId;
    private final ExecutorService callbacks = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "fault-load-client");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private final ConcurrentLinkedQueue<Request> sent = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unanswered = new AtomicInteger();
    private volatile boolean running;
    private Thread thread;

    WebLoad(URI requests, String runId) {
        this.requests = requests;
        this.runId = runId;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).executor(callbacks).build();
    }

    /** Starts sending {@code perSecond} requests a second until {@link #stop()}. */
    void start(double perSecond) {
        running = true;
        long start = System.nanoTime();
        double period = 1e9 / perSecond;
        thread = new Thread(() -> {
            for (long n = 0; running; n++) {
                long due = start + (long) (n * period);
                for (long wait = due - System.nanoTime(); wait > 0 && running; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                if (running) {
                    send(n);
                }
            }
        }, "fault-load");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops sending, then waits for the answers (each request's last attempt), at most {@code limit}. */
    void stop(Duration limit) throws InterruptedException {
        running = false;
        thread.join();
        long deadline = System.nanoTime() + limit.toNanos();
        while (unanswered.get() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    List<Request> sent() {
        return List.copyOf(sent);
    }

    private void send(long n) {
        String requestId = "fault-" + runId + "-" + n;
        Request request = new Request(requestId, requestId + "@example.org", System.nanoTime());
        sent.add(request);
        unanswered.incrementAndGet();
        attempt(request, body(request, n));
    }

    private void attempt(Request request, String body) {
        request.attempts++;
        HttpRequest post = HttpRequest.newBuilder(requests).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .header("Idempotency-Key", request.requestId).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(post, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long retryAfter = 2;
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                request.outcome = cause instanceof HttpTimeoutException ? "timeout"
                        : cause instanceof ConnectException || cause instanceof IOException ? "connection" : cause.getClass().getSimpleName();
            } else {
                Matcher ticket = TICKET_ID.matcher(response.body());
                if (response.statusCode() == 202 && ticket.find()) {
                    request.ticketId = ticket.group(1);
                }
                request.outcome = Integer.toString(response.statusCode());
                retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(2);
            }
            request.answeredNanos = System.nanoTime();
            boolean again = failure != null || response.statusCode() == 503 || response.statusCode() == 429;
            if (again && request.attempts < ATTEMPTS) {
                CompletableFuture.delayedExecutor(Math.min(5, Math.max(1, retryAfter)), TimeUnit.SECONDS, callbacks)
                        .execute(() -> attempt(request, body));
            } else {
                unanswered.decrementAndGet();
            }
        });
    }

    private static String body(Request request, long n) {
        return "{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"" + request.contact + "\"},\"description\":\""
                + PROBLEMS.get((int) (n % PROBLEMS.size())) + "\"}";
    }

    @Override
    public void close() {
        running = false;
        callbacks.shutdownNow();
    }
}
