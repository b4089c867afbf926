package fr.numi.contracts.privacy;

import com.google.crypto.tink.Aead;
import fr.numi.contracts.privacy.PersonalFields.FieldPath;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seals and opens the personal fields of an event body in place. A sealed field is a JSON string
 * {@code numi:pd1:<base64url(AES-GCM ciphertext)>} made with the customer's key; its associated data binds it to the
 * customer and the field, so a sealed value cannot be moved to another person or field. A field that does not open
 * (the customer's key is gone: erased) is removed from the body and named in {@link Opened#shredded()}: the event is
 * processed without it. A plain string (a record written before sealing, a test's example) is read as it is.
 */
public final class Sealing {

    /** The prefix of a sealed value: version 1 of numi's personal-data envelope. */
    public static final String PREFIX = "numi:pd1:";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Sealing() {}

    public static boolean isSealed(JsonNode value) {
        return value != null && value.isString() && value.asString().startsWith(PREFIX);
    }

    /** Seals every non-null string at {@code paths} with the customer's key. */
    public static void seal(ObjectNode body, List<FieldPath> paths, String customerId, Aead key) {
        for (FieldPath path : paths) {
            visit(body, path, 0, "", (parent, name, display) -> {
                JsonNode value = parent.get(name);
                if (value != null && value.isString() && !isSealed(value)) {
                    parent.put(name, seal(value.asString(), customerId, path, key));
                }
            });
        }
    }

    /**
     * Opens every sealed string at {@code paths}; {@code key} null means the customer has no key any more.
     *
     * @return the fields that did not open and were removed, named as Bean Validation names them
     *     ({@code contact.value}, {@code attachments[0].filename})
     */
    public static Opened open(ObjectNode body, List<FieldPath> paths, String customerId, Aead key) {
        List<String> shredded = new ArrayList<>();
        for (FieldPath path : paths) {
            visit(body, path, 0, "", (parent, name, display) -> {
                JsonNode value = parent.get(name);
                if (!isSealed(value)) {
                    return;
                }
                String plain = key == null ? null : open(value.asString(), customerId, path, key);
                if (plain == null) {
                    parent.remove(name);
                    shredded.add(display);
                } else {
                    parent.put(name, plain);
                }
            });
        }
        return new Opened(List.copyOf(shredded));
    }

    /** True when a field at one of {@code paths} is sealed: the reader then needs the customer's key. */
    public static boolean anySealed(ObjectNode body, List<FieldPath> paths) {
        return any(body, paths, Sealing::isSealed);
    }

    /** True when a field at one of {@code paths} holds a plain string: the writer then needs the customer's key. */
    public static boolean anyPlain(ObjectNode body, List<FieldPath> paths) {
        return any(body, paths, value -> value != null && value.isString() && !isSealed(value));
    }

    private static boolean any(ObjectNode body, List<FieldPath> paths, Predicate<JsonNode> test) {
        boolean[] found = {false};
        for (FieldPath path : paths) {
            visit(body, path, 0, "", (parent, name, display) -> found[0] |= test.test(parent.get(name)));
        }
        return found[0];
    }

    /** What {@link #open} removed. */
    public record Opened(List<String> shredded) {}

    private static String seal(String plain, String customerId, FieldPath path, Aead key) {
        try {
            return PREFIX + ENCODER.encodeToString(key.encrypt(plain.getBytes(StandardCharsets.UTF_8), associatedData(customerId, path)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal " + path + " for customer " + customerId, e);
        }
    }

    /** The plain value, or null when this key does not open it (another key: the customer was erased since). */
    private static String open(String sealed, String customerId, FieldPath path, Aead key) {
        try {
            byte[] ciphertext = DECODER.decode(sealed.substring(PREFIX.length()));
            return new String(key.decrypt(ciphertext, associatedData(customerId, path)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] associatedData(String customerId, FieldPath path) {
        return (customerId + "|" + path).getBytes(StandardCharsets.UTF_8);
    }

    private interface Leaf {
        void at(ObjectNode parent, String name, String display);
    }

    private static void visit(JsonNode node, FieldPath path, int index, String display, Leaf leaf) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        List<String> segments = path.segments();
        if (index >= segments.size()) {
            return;
        }
        String name = segments.get(index);
        String here = display.isEmpty() ? name : display + "." + name;
        if (index == segments.size() - 1) {
            leaf.at(object, name, here);
            return;
        }
        JsonNode child = object.get(name);
        if (FieldPath.EACH.equals(segments.get(index + 1))) {
            if (child instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    visit(array.get(i), path, index + 2, here + "[" + i + "]", leaf);
                }
            }
            return;
        }
        visit(child, path, index + 1, here, leaf);
    }
}
