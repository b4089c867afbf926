package fr.numi.intake.request.web;

import fr.numi.intake.config.WebProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The web gateways' keys ({@code X-Api-Key}): a key names its gateway. Every configured key is
 * compared, in constant time, so the answer's timing says nothing about which one came close.
 */
@Component
public class ApiKeys {

    /** The gateway name of keyless requests (the public form, curl). */
    public static final String PUBLIC = "public";

    private final WebProperties web;

    ApiKeys(WebProperties web) {
        this.web = web;
    }

    /** The gateway a key belongs to, or empty for an unknown key. */
    public Optional<String> gateway(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = key.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, String> entry : web.apiKeys().entrySet()) {
            boolean same = !entry.getValue().isEmpty() && MessageDigest.isEqual(entry.getValue().getBytes(StandardCharsets.UTF_8), given);
            if (same && found == null) {
                found = entry.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /** A keyless request is taken when anonymous requests are allowed or it comes from one of numi's own pages. */
    public boolean anonymousAllowed(String origin) {
        return web.allowAnonymous() || (origin != null && web.allowedOrigins().contains(origin));
    }
}
