package fr.numi.deploy.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for Meta's Graph API (the media endpoints and Send Message) and Twilio's REST API
 * (Messages), as the end-to-end journeys need them: it serves the media the test put there and records
 * every message numi sends, exactly as received. Also signs webhooks as Meta and Twilio do.
 */
public final class FakeGateways implements AutoCloseable {

    static final String API_VERSION = "v21.0";
    public static final String PHONE_NUMBER_ID = "106540352242922";
    static final String ACCESS_TOKEN = "EAA-e2e-access-token";
    static final String APP_SECRET = "e2e-whatsapp-app-secret";
    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "e2e-twilio-auth-token";
    static final String SMS_FROM = "+33159000000";

    /** One message numi sent: to whom, and the body as sent (JSON for WhatsApp, form for Twilio). */
    public record Sent(String provider, String to, String body) {}

    private record Media(String mimeType, byte[] content) {}

    private final HttpServer server;
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeGateways() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What intake needs to use this fake as its WhatsApp and Twilio providers. */
    public Map<String, String> intakeEnvironment(String publicBaseUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NUMI_WHATSAPP_APP_SECRET", APP_SECRET);
        env.put("NUMI_WHATSAPP_VERIFY_TOKEN", "e2e-verify");
        env.put("NUMI_WHATSAPP_GRAPH_URL", baseUrl());
        env.put("NUMI_WHATSAPP_API_VERSION", API_VERSION);
        env.put("NUMI_WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
        env.put("NUMI_WHATSAPP_ACCESS_TOKEN", ACCESS_TOKEN);
        env.put("NUMI_TWILIO_AUTH_TOKEN", AUTH_TOKEN);
        env.put("NUMI_TWILIO_API_URL", baseUrl());
        env.put("NUMI_TWILIO_ACCOUNT_SID", ACCOUNT_SID);
        env.put("NUMI_TWILIO_SMS_FROM", SMS_FROM);
        env.put("NUMI_PUBLIC_BASE_URL", publicBaseUrl);
        return env;
    }

    void media(String mediaId, String mimeType, byte[] content) {
        media.put(mediaId, new Media(mimeType, content));
    }

    /** Every message sent so far, in the order received. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Every message sent to this recipient ({@code to} without the + for WhatsApp, E.164 for SMS). */
    public List<Sent> sentTo(String recipient) {
        return sent.stream().filter(s -> recipient.equals(s.to())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int n = ids.incrementAndGet();
        if (path.startsWith("/2010-04-01/") && path.endsWith("/Messages.json")) {
            String to = form(body).get("To");
            sent.add(new Sent("twilio", to, body));
            answer(exchange, 201, "application/json", "{\"sid\":\"SM" + String.format("%032x", n) + "\",\"status\":\"queued\"}");
        } else if (path.equals("/" + API_VERSION + "/" + PHONE_NUMBER_ID + "/messages")) {
            String to = body.replaceAll("(?s).*\"to\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            sent.add(new Sent("whatsapp", to, body));
            answer(exchange, 200, "application/json", "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.E2E" + n + "\"}]}");
        } else if (path.startsWith("/media/") && media.containsKey(path.substring(7))) {
            Media m = media.get(path.substring(7));
            answer(exchange, 200, m.mimeType(), m.content());
        } else if (path.startsWith("/" + API_VERSION + "/") && media.containsKey(path.substring(API_VERSION.length() + 2))) {
            String id = path.substring(API_VERSION.length() + 2);
            Media m = media.get(id);
            answer(exchange, 200, "application/json", "{\"url\":\"" + baseUrl() + "/media/" + id + "\",\"mime_type\":\"" + m.mimeType()
                    + "\",\"sha256\":\"x\",\"file_size\":" + m.content().length + ",\"id\":\"" + id + "\",\"messaging_product\":\"whatsapp\"}");
        } else {
            answer(exchange, 404, "application/json", "{\"error\":{\"message\":\"unknown\",\"code\":100}}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        answer(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    /** {@code X-Hub-Signature-256} of a WhatsApp webhook body. */
    public static String metaSignature(String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", APP_SECRET, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code X-Twilio-Signature}: the URL and every parameter sorted by name, HMAC-SHA1 with the auth token. */
    static String twilioSignature(String url, Map<String, String> params) {
        String data = url + new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + e.getValue()).collect(Collectors.joining());
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", AUTH_TOKEN, data.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
