package fr.numi.deploy.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts web requests to intake-service, each with a contact of its own (so each makes its own ticket), through
 * the JDK's asynchronous HTTP client. At a fixed rate it runs an open loop: request n is due at start + n / rate
 * and goes then whether or not earlier ones were answered, and its latency counts from when it was due, so a slow
 * server cannot slow the generator down nor hide its own slowness (no coordinated omission). Flat out, a fixed
 * number of requests stay in flight, each followed by the next as soon as it is answered.
 */
final class LoadGenerator implements AutoCloseable {

    enum Kind { ORDINARY, RED_BUTTON }

    /** One request: when it was due, and what came back. Written by the client's threads, read once answered. */
    static final class Sent {
        final Kind kind;
        final long dueNanos;
        volatile long answeredNanos;
        volatile String outcome;
        volatile String ticketId;

        Sent(Kind kind, long dueNanos) {
            this.kind = kind;
            this.dueNanos = dueNanos;
        }

        boolean accepted() {
            return "202".equals(outcome);
        }
    }

    /** What a request that did not get a 202 is counted as, besides its HTTP status. */
    static final String TIMEOUT = "timeout";
    static final String CONNECTION = "connection";
    static final String NOT_SENT = "not-sent";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\"\\s*:\\s*\"([^\"]+)\"");
    /** Ordinary problems, none a cyber emergency, so triage spreads them over the levels. */
    private static final List<String> PROBLEMS = List.of(
            "Mon imprimante ne veut plus imprimer depuis hier, le voyant clignote.",
            "J'ai oublié le mot de passe de ma boîte mail, je n'arrive plus à me connecter.",
            "Mon ordinateur est devenu très lent depuis la dernière mise à jour de Windows.",
            "Comment envoyer une photo à mes petits-enfants depuis ma tablette ?");
    private static final String EMERGENCY = "Un faux technicien a pris le contrôle de mon ordinateur et me demande de payer.";

    private final URI requests;
    private final String runId;
    private final int maxInFlight;
    private final ExecutorService callbacks = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "load-generator-client");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    LoadGenerator(URI requests, String runId, int maxInFlight) {
        this.requests = requests;
        this.runId = runId;
        this.maxInFlight = maxInFlight;
        // HTTP/1.1: on a plain http URL the client's HTTP/2 default first tries an upgrade on every connection.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(callbacks)
                .build();
    }

    /**
     * Sends {@code perSecond} requests a second on schedule from {@code startNanos} until {@code endNanos}, on a
     * thread of its own (returned, started); each request goes to {@code sink} when due, its answer fills it later.
     */
    Thread openLoop(Kind kind, double perSecond, long startNanos, long endNanos, Consumer<Sent> sink) {
        Thread thread = new Thread(() -> {
            if (perSecond <= 0) {
                return;
            }
            double period = 1e9 / perSecond;
            for (long n = 0; ; n++) {
                long due = startNanos + (long) (n * period);
                if (due >= endNanos) {
                    return;
                }
                // parkNanos may return early (spuriously, or on an unpark): a request sent before it is due would
                // count its latency from a later moment than its real start, and flatter the server.
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                sink.accept(send(kind, due, null));
            }
        }, "load-generator-" + kind.name().toLowerCase());
        thread.start();
        return thread;
    }

    /** Keeps {@code concurrency} ordinary requests in flight until {@code endNanos}; returns when the last is answered. */
    void flatOut(int concurrency, long endNanos, Consumer<Sent> sink) throws InterruptedException {
        CountDownLatch chains = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            next(endNanos, sink, chains);
        }
        chains.await();
    }

    private void next(long endNanos, Consumer<Sent> sink, CountDownLatch chains) {
        long now = System.nanoTime();
        if (now >= endNanos) {
            chains.countDown();
            return;
        }
        sink.accept(send(Kind.ORDINARY, now, () -> next(endNanos, sink, chains)));
    }

    private Sent send(Kind kind, long due, Runnable then) {
        Sent sent = new Sent(kind, due);
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            sent.outcome = NOT_SENT;
            sent.answeredNanos = due;
            if (then != null) {
                callbacks.execute(then);
            }
            return sent;
        }
        HttpRequest request = HttpRequest.newBuilder(requests)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(kind, sequence.incrementAndGet())))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            sent.answeredNanos = System.nanoTime();
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                sent.outcome = cause instanceof HttpTimeoutException ? TIMEOUT : cause instanceof IOException ? CONNECTION
                        : cause.getClass().getSimpleName();
            } else {
                Matcher ticket = TICKET_ID.matcher(response.body());
                if (response.statusCode() == 202 && ticket.find()) {
                    sent.ticketId = ticket.group(1);
                }
                sent.outcome = Integer.toString(response.statusCode());
            }
            inFlight.decrementAndGet();
            if (then != null) {
                then.run();
            }
        });
        return sent;
    }

    /** A request body with a contact nobody else uses (an address under example.org, never delivered). */
    String body(Kind kind, long n) {
        String contact = "bench-" + runId + "-" + n + "@example.org";
        return kind == Kind.RED_BUTTON
                ? "{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"" + contact + "\"},\"redButton\":true,\"description\":\"" + EMERGENCY + "\"}"
                : "{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"" + contact + "\"},\"description\":\""
                        + PROBLEMS.get((int) (n % PROBLEMS.size())) + "\"}";
    }

    /** Requests sent and not answered yet. */
    int inFlight() {
        return inFlight.get();
    }

    /** Waits until every request sent was answered (or timed out), at most {@code limit}. */
    void awaitAnswers(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @Override
    public void close() {
        callbacks.shutdownNow();
    }
}
