package fr.numi.intake.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A local HTTP server in the role of Meta's Graph API ({@code POST /{version}/{phone-number-id}/messages})
 * and of Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}): it records every
 * request exactly as received and answers as the providers do. Tests script failures per recipient
 * (each test uses its own number), so deliveries of other tests are not disturbed.
 */
public final class FakeProviders implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PHONE_NUMBER_ID = "106540352242922";
    public static final String ACCESS_TOKEN = "EAAtest-access-token";
    public static final String API_VERSION = "v21.0";
    public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String SMS_FROM = "+33159000000";

    /** One request as the provider received it. */
    public record Recorded(String method, String path, Map<String, String> headers, String body, String recipient) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The form fields of a Twilio request, decoded, in the order sent. */
        public Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return fields;
        }
    }

    private static final Pattern WA_TO = Pattern.compile("\"to\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<Recorded> RECORDED = new CopyOnWriteArrayList<>();
    private static final Map<String, Deque<Integer>> SCRIPTS = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static String baseUrl;

    public static synchronized String baseUrl() {
        if (baseUrl == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/", FakeProviders::handle);
                server.setExecutor(Executors.newFixedThreadPool(4));
                server.start();
                baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "fake-providers-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return baseUrl;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                        "numi.intake.delivery.whatsapp.graph-base-url=" + baseUrl(),
                        "numi.intake.delivery.whatsapp.api-version=" + API_VERSION,
                        "numi.intake.delivery.whatsapp.phone-number-id=" + PHONE_NUMBER_ID,
                        "numi.intake.delivery.whatsapp.access-token=" + ACCESS_TOKEN,
                        "numi.intake.delivery.twilio.base-url=" + baseUrl(),
                        "numi.intake.delivery.twilio.account-sid=" + ACCOUNT_SID,
                        "numi.intake.delivery.twilio.from=" + SMS_FROM)
                .applyTo(context);
    }

    /** The next calls for this recipient get these statuses, in order (then 200/201 again). */
    public static void script(String recipient, Integer... statuses) {
        SCRIPTS.put(recipient, new ArrayDeque<>(List.of(statuses)));
    }

    /** Every request received for this recipient ({@code to} of the Graph API, {@code To} of Twilio), in order. */
    public static List<Recorded> requestsFor(String recipient) {
        List<Recorded> matching = new ArrayList<>();
        for (Recorded r : RECORDED) {
            if (recipient.equals(r.recipient())) {
                matching.add(r);
            }
        }
        return matching;
    }

    /** Media the fake Graph API and Twilio serve: by WhatsApp media id, or by path under the Twilio API. */
    public record FakeMedia(String mimeType, byte[] content, long declaredSize) {}

    private static final Map<String, FakeMedia> MEDIA = new ConcurrentHashMap<>();
    private static final Map<String, Deque<Integer>> MEDIA_SCRIPTS = new ConcurrentHashMap<>();

    /** The Graph API knows this media id (metadata, then the bytes at {@code /media/<id>}). */
    public static void media(String mediaId, String mimeType, byte[] content) {
        MEDIA.put(mediaId, new FakeMedia(mimeType, content, content.length));
    }

    /** The Graph API says this media id is that big (the bytes are never asked for if numi refuses it). */
    public static void mediaDeclaredAs(String mediaId, String mimeType, long size) {
        MEDIA.put(mediaId, new FakeMedia(mimeType, new byte[0], size));
    }

    /** The next fetches of this media id (metadata) answer these statuses first. */
    public static void scriptMedia(String mediaId, Integer... statuses) {
        MEDIA_SCRIPTS.put(mediaId, new ArrayDeque<>(List.of(statuses)));
    }

    private static boolean serveMedia(HttpExchange exchange, String path) throws IOException {
        String mediaPrefix = "/" + API_VERSION + "/";
        String id = null;
        boolean bytes = false;
        if (path.startsWith("/media/")) {
            id = path.substring("/media/".length());
            bytes = true;
        } else if (path.startsWith(mediaPrefix) && !path.endsWith("/messages") && "GET".equals(exchange.getRequestMethod())) {
            id = path.substring(mediaPrefix.length());
        } else if (path.startsWith("/2010-04-01/") && path.contains("/Recordings/") && "GET".equals(exchange.getRequestMethod())) {
            id = path.substring(path.lastIndexOf('/') + 1);
            bytes = true;
        }
        if (id == null) {
            return false;
        }
        RECORDED.add(new Recorded(exchange.getRequestMethod(), path, Map.of("authorization",
                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))), "", id));
        Deque<Integer> script = MEDIA_SCRIPTS.get(id);
        Integer scripted = bytes || script == null ? null : script.poll();
        FakeMedia media = MEDIA.get(id);
        if (scripted != null || media == null) {
            byte[] error = "{\"error\":{\"message\":\"media\",\"code\":100}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(scripted != null ? scripted : 404, error.length);
            exchange.getResponseBody().write(error);
            exchange.close();
            return true;
        }
        byte[] answer = bytes ? media.content()
                : ("{\"messaging_product\":\"whatsapp\",\"url\":\"" + baseUrl() + "/media/" + id + "\",\"mime_type\":\"" + media.mimeType()
                        + "\",\"sha256\":\"x\",\"file_size\":" + media.declaredSize() + ",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", bytes ? media.mimeType() : "application/json");
        exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            exchange.getResponseBody().write(answer);
        }
        exchange.close();
        return true;
    }

    private static void handle(HttpExchange exchange) throws IOException {
        if (serveMedia(exchange, exchange.getRequestURI().getRawPath())) {
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        String path = exchange.getRequestURI().getRawPath();
        boolean twilio = path.startsWith("/2010-04-01/");
        String recipient = twilio ? formField(body, "To") : jsonTo(body);
        RECORDED.add(new Recorded(exchange.getRequestMethod(), path, headers, body, recipient));
        Deque<Integer> script = recipient == null ? null : SCRIPTS.get(recipient);
        Integer scripted = script == null ? null : script.poll();
        int n = IDS.incrementAndGet();
        int status;
        String answer;
        if (scripted != null && scripted >= 400) {
            status = scripted;
            answer = twilio
                    ? "{\"code\":" + (status >= 500 ? 20500 : 21211) + ",\"message\":\"Invalid 'To' Phone Number\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":" + status + "}"
                    : "{\"error\":{\"message\":\"(#131026) Message undeliverable\",\"type\":\"OAuthException\",\"code\":" + (status >= 500 ? 131000 : 131026)
                            + ",\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}";
        } else if (twilio) {
            status = 201;
            answer = "{\"sid\":\"SM" + String.format("%032x", n) + "\",\"status\":\"queued\",\"to\":\"" + recipient + "\"}";
        } else {
            status = 200;
            answer = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + recipient + "\",\"wa_id\":\"" + recipient + "\"}],"
                    + "\"messages\":[{\"id\":\"wamid.FAKE" + n + "\"}]}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String jsonTo(String body) {
        Matcher m = WA_TO.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && name.equals(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8))) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private FakeProviders() {}
}
