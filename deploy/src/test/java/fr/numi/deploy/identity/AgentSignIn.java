package fr.numi.deploy.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs a demo agent in on the local identity provider the way a browser does (authorization request, login form with
 * its CSRF token, code, token request with the PKCE verifier), as deploy/local/agent-token.sh does with curl.
 */
public final class AgentSignIn {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]*)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

    /** What each step answered, for tests that look at a refusal. */
    public record Attempt(int loginStatus, String loginRedirect, String callback, int tokenStatus, String tokenBody) {

        public String accessToken() {
            Matcher m = ACCESS_TOKEN.matcher(tokenBody == null ? "" : tokenBody);
            if (!m.find()) {
                throw new IllegalStateException("no access token: login → " + loginRedirect + ", callback " + callback + ", token " + tokenStatus
                        + " " + tokenBody);
            }
            return m.group(1);
        }
    }

    private AgentSignIn() {}

    /** The access token of {@code username}, signed in with {@code password} through the agent-token.sh client. */
    public static String accessToken(String issuer, String username, String password) {
        return attempt(issuer, username, password, true).accessToken();
    }

    /** One sign-in, step by step; {@code proofKey} false leaves PKCE out of the authorization request. */
    public static Attempt attempt(String issuer, String username, String password, boolean proofKey) {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String verifier = random(32);
        String state = random(16);
        Map<String, String> authorize = new LinkedHashMap<>();
        authorize.put("response_type", "code");
        authorize.put("client_id", IdentitySettings.CLI_CLIENT);
        authorize.put("scope", "openid");
        authorize.put("state", state);
        authorize.put("redirect_uri", IdentitySettings.CLI_REDIRECT);
        if (proofKey) {
            authorize.put("code_challenge", challenge(verifier));
            authorize.put("code_challenge_method", "S256");
        }
        try {
            HttpResponse<String> first = http.send(get(issuer + "/oauth2/authorize?" + form(authorize)), HttpResponse.BodyHandlers.ofString());
            String early = first.headers().firstValue("Location").orElse("");
            if (early.startsWith(IdentitySettings.CLI_REDIRECT) || first.statusCode() == 400) {
                return new Attempt(0, null, early.isEmpty() ? first.body() : early, 0, null);
            }
            String loginPage = http.send(get(issuer + "/login"), HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = CSRF.matcher(loginPage);
            if (!csrf.find()) {
                throw new IllegalStateException("the login page has no CSRF field: " + loginPage);
            }
            HttpResponse<String> login = http.send(post(issuer + "/login",
                    Map.of("username", username, "password", password, "_csrf", csrf.group(1))), HttpResponse.BodyHandlers.ofString());
            String next = login.headers().firstValue("Location").orElse("");
            if (next.isEmpty() || next.contains("/login?error")) {
                return new Attempt(login.statusCode(), next, null, 0, null);
            }
            String callback = http.send(get(next), HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElse("");
            Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
            if (!callback.startsWith(IdentitySettings.CLI_REDIRECT) || !callback.contains("state=" + state) || !code.find()) {
                return new Attempt(login.statusCode(), next, callback, 0, null);
            }
            Map<String, String> exchange = new LinkedHashMap<>();
            exchange.put("grant_type", "authorization_code");
            exchange.put("client_id", IdentitySettings.CLI_CLIENT);
            exchange.put("code", java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8));
            exchange.put("redirect_uri", IdentitySettings.CLI_REDIRECT);
            exchange.put("code_verifier", verifier);
            HttpResponse<String> token = http.send(post(issuer + "/oauth2/token", exchange), HttpResponse.BodyHandlers.ofString());
            return new Attempt(login.statusCode(), next, callback, token.statusCode(), token.body());
        } catch (IOException e) {
            throw new IllegalStateException("the identity provider at " + issuer + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    private static HttpRequest post(String url, Map<String, String> fields) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(fields))).build();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String random(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
