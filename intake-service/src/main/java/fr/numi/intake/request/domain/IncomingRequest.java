package fr.numi.intake.request.domain;

import java.util.List;
import java.util.Objects;

/** What a person asked, once the gateway's input was checked and normalised. */
public record IncomingRequest(
        Channel channel,
        Contact contact,
        String name,
        String subject,
        String text,
        boolean redButton,
        List<Attachment> attachments) {

    public IncomingRequest {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(text, "text");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public IncomingRequest(Channel channel, Contact contact, String name, String subject, String text, boolean redButton) {
        this(channel, contact, name, subject, text, redButton, List.of());
    }

    @Override
    public String toString() {
        return "IncomingRequest[" + channel + ", " + contact + ", text=" + Masking.text(text) + ", redButton=" + redButton
                + ", attachments=" + attachments.size() + "]";
    }
}
