package fr.numi.intake.phone.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature}: base64 HMAC-SHA1(auth token, full URL + every POST parameter
 * name and value, sorted by name), compared in constant time.
 */
public final class TwilioSignature {

    private TwilioSignature() {}

    public static String sign(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> values.stream().sorted().forEach(v -> data.append(name).append(v)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 missing from the JDK", e);
        }
    }

    public static boolean valid(String authToken, String url, Map<String, List<String>> params, String header) {
        if (header == null || header.isBlank() || authToken == null || authToken.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(authToken, url, params).getBytes(StandardCharsets.US_ASCII), header.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
