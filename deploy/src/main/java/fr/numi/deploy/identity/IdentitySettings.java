package fr.numi.deploy.identity;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the local identity provider runs: where it listens (its issuer is {@code http://<host>:<port>}), the demo agents'
 * password, the console addresses it sends agents back to, how long an access token lasts, where its signing key is kept.
 *
 * <p>Read from the environment by {@link #fromEnvironment(Map, String, Path)}: {@code NUMI_IDP_PORT} (default 9000),
 * {@code NUMI_IDP_DEMO_PASSWORD} (required: numi-local.sh generates one per checkout), {@code NUMI_IDP_CONSOLE_URLS}
 * (comma-separated, default the console on 127.0.0.1 and localhost, port {@code NUMI_TICKET_PORT} or 8082),
 * {@code NUMI_IDP_TOKEN_TTL} (ISO-8601 or seconds, default 1 hour).
 */
public record IdentitySettings(String bindHost, int port, String demoPassword, List<String> consoleUrls, Duration tokenTtl, Path keyFile) {

    public static final String PORT = "NUMI_IDP_PORT";
    public static final String DEMO_PASSWORD = "NUMI_IDP_DEMO_PASSWORD";
    public static final String CONSOLE_URLS = "NUMI_IDP_CONSOLE_URLS";
    public static final String TOKEN_TTL = "NUMI_IDP_TOKEN_TTL";

    /** The {@code aud} of every access token; the services accept no other. */
    public static final String AUDIENCE = "numi";
    /** The console: a public client, authorization code with PKCE, back to one of {@link #consoleUrls()}. */
    public static final String CONSOLE_CLIENT = "numi-console";
    /** deploy/local/agent-token.sh: a public client, the same flow, back to a loopback address nobody serves. */
    public static final String CLI_CLIENT = "numi-cli";
    public static final String CLI_REDIRECT = "http://127.0.0.1/numi-cli/callback";

    static final int DEFAULT_PORT = 9000;

    public IdentitySettings {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(PORT + " must be a TCP port (1-65535), was " + port);
        }
        if (demoPassword == null || demoPassword.length() < 12) {
            throw new IllegalArgumentException(DEMO_PASSWORD + " must be set, 12 characters or more (numi-local.sh generates one)");
        }
        consoleUrls = List.copyOf(consoleUrls);
        for (String url : consoleUrls) {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(CONSOLE_URLS + " holds an address that is not http(s): " + url);
            }
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException(TOKEN_TTL + " must be positive");
        }
    }

    public static IdentitySettings fromEnvironment(Map<String, String> env, String bindHost, Path dataDir) {
        int port = number(env, PORT, DEFAULT_PORT);
        String ticketPort = env.getOrDefault("NUMI_TICKET_PORT", "8082");
        String urls = env.getOrDefault(CONSOLE_URLS, "http://127.0.0.1:" + ticketPort + "/console/,http://localhost:" + ticketPort + "/console/");
        String ttl = env.getOrDefault(TOKEN_TTL, "PT1H").trim();
        Duration tokenTtl = ttl.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(ttl)) : Duration.parse(ttl);
        return new IdentitySettings(bindHost, port, env.get(DEMO_PASSWORD),
                Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(), tokenTtl,
                dataDir.resolve("identity").resolve("jwk.json"));
    }

    /** {@code iss} of its tokens, and where its OpenID configuration is ({@code /.well-known/openid-configuration}). */
    public String issuer() {
        return "http://" + bindHost + ":" + port;
    }

    /** The origins the console is served from, allowed to call the token endpoint from the browser. */
    public List<String> consoleOrigins() {
        return consoleUrls.stream().map(URI::create)
                .map(u -> u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())).distinct().toList();
    }

    @Override
    public String toString() {
        return "IdentitySettings[issuer=" + issuer() + ", consoleUrls=" + consoleUrls + ", tokenTtl=" + tokenTtl + ", keyFile=" + keyFile + "]";
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'", e);
        }
    }
}
