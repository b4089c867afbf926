package fr.numi.intake.whatsapp.web;

import fr.numi.intake.attachment.domain.Attachment;
import fr.numi.intake.delivery.domain.WhatsAppStatus;
import fr.numi.intake.whatsapp.domain.WhatsAppMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Cloud API notification ({@code entry[].changes[].value}): every message type of the
 * reference, several entries, changes and messages, and {@code statuses}. Parts that are not
 * {@code messages} changes are counted as ignored.
 */
final class WhatsAppPayload {

    static final Set<String> MEDIA = Set.of("image", "video", "document", "sticker", "audio");
    static final Set<String> KNOWN = Set.of(
            "text", "image", "video", "document", "sticker", "audio", "location", "contacts", "reaction", "button",
            "interactive", "unsupported", "system");

    final List<WhatsAppMessage> messages = new ArrayList<>();
    final List<WhatsAppStatus> statuses = new ArrayList<>();
    final List<String> ignored = new ArrayList<>();

    static WhatsAppPayload read(JsonNode root) {
        WhatsAppPayload payload = new WhatsAppPayload();
        if (!"whatsapp_business_account".equals(text(root, "object"))) {
            payload.ignored.add("not-whatsapp");
            return payload;
        }
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                if (!"messages".equals(text(change, "field"))) {
                    payload.ignored.add("field");
                    continue;
                }
                payload.readValue(change.path("value"));
            }
        }
        return payload;
    }

    private void readValue(JsonNode value) {
        JsonNode contacts = value.path("contacts");
        for (JsonNode message : value.path("messages")) {
            String wamid = text(message, "id");
            if (wamid == null || wamid.isBlank() || wamid.length() > 190) {
                ignored.add("no-id");
                continue;
            }
            String from = text(message, "from");
            JsonNode contact = contactOf(contacts, from);
            String waId = firstNonBlank(text(contact, "wa_id"), from);
            String userId = firstNonBlank(text(contact, "user_id"), text(message, "from_user_id"));
            String name = text(contact.path("profile"), "name");
            String type = firstNonBlank(text(message, "type"), "unsupported");
            if (!KNOWN.contains(type)) {
                ignored.add("unknown-type");
            }
            messages.add(message(message, wamid, waId, userId, name, type));
        }
        for (JsonNode status : value.path("statuses")) {
            String id = text(status, "id");
            String state = text(status, "status");
            if (id == null || state == null) {
                ignored.add("bad-status");
                continue;
            }
            String errorCode = status.path("errors").isArray() && !status.path("errors").isEmpty()
                    ? text(status.path("errors").get(0), "code")
                    : null;
            statuses.add(new WhatsAppStatus(id, state, epoch(text(status, "timestamp")), errorCode));
        }
        if (value.path("errors").isArray() && !value.path("errors").isEmpty()) {
            ignored.add("errors");
        }
    }

    private static WhatsAppMessage message(JsonNode m, String wamid, String waId, String userId, String name, String type) {
        List<Attachment> attachments = new ArrayList<>();
        String buttonId = null;
        String text;
        switch (type) {
            case "text" -> text = text(m.path("text"), "body");
            case "image", "video", "document", "sticker", "audio" -> {
                JsonNode media = m.path(type);
                boolean voice = "audio".equals(type) && media.path("voice").asBoolean(false);
                attachments.add(new Attachment(voice ? "voice" : type, text(media, "id"), text(media, "mime_type"),
                        text(media, "sha256"), text(media, "filename"), null));
                String caption = text(media, "caption");
                String label = switch (type) {
                    case "image" -> "[Photo]";
                    case "video" -> "[Vidéo]";
                    case "document" -> "[Document" + (text(media, "filename") == null ? "" : " " + text(media, "filename")) + "]";
                    case "sticker" -> "[Autocollant]";
                    default -> voice ? "[Message vocal]" : "[Audio]";
                };
                text = caption == null ? label : label + " " + caption;
            }
            case "location" -> {
                JsonNode l = m.path("location");
                text = "[Position] " + join(text(l, "name"), text(l, "address")) + " (" + text(l, "latitude") + ", " + text(l, "longitude") + ")";
            }
            case "contacts" -> {
                List<String> names = new ArrayList<>();
                for (JsonNode c : m.path("contacts")) {
                    names.add(firstNonBlank(text(c.path("name"), "formatted_name"), "?"));
                }
                text = "[Contact partagé] " + String.join(", ", names);
            }
            case "reaction" -> text = "[Réaction] " + firstNonBlank(text(m.path("reaction"), "emoji"), "");
            case "button" -> {
                buttonId = text(m.path("button"), "payload");
                text = firstNonBlank(text(m.path("button"), "text"), buttonId);
            }
            case "interactive" -> {
                JsonNode i = m.path("interactive");
                JsonNode reply = i.has("button_reply") ? i.path("button_reply") : i.path("list_reply");
                buttonId = text(reply, "id");
                text = join(text(reply, "title"), text(reply, "description"));
            }
            case "system" -> text = firstNonBlank(text(m.path("system"), "body"), "[Système]");
            default -> text = "[Message non pris en charge (" + type + ") : demandez à la personne de l'écrire autrement]";
        }
        if (text == null || text.isBlank()) {
            text = "[" + type + "]";
        }
        if (text.length() > 20000) {
            text = text.substring(0, 20000);
        }
        return new WhatsAppMessage(wamid, waId, userId, name, type, text, buttonId, attachments);
    }

    private static JsonNode contactOf(JsonNode contacts, String from) {
        JsonNode only = null;
        int count = 0;
        for (JsonNode c : contacts) {
            count++;
            only = c;
            if (from != null && (from.equals(text(c, "wa_id")) || from.equals(text(c, "user_id")))) {
                return c;
            }
        }
        return count == 1 ? only : tools.jackson.databind.node.MissingNode.getInstance();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return null;
        }
        return value.asString();
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b == null ? "" : b;
        }
        return b == null ? a : a + " — " + b;
    }

    private static Instant epoch(String seconds) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds));
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
