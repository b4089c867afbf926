package fr.numi.intake.request.domain;

import java.util.Objects;

/** What a person asked, once the gateway's input was checked and normalised. */
public record IncomingRequest(
        Channel channel, Contact contact, String name, String subject, String text, boolean redButton) {

    public IncomingRequest {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "IncomingRequest[" + channel + ", " + contact + ", text=" + Masking.text(text) + ", redButton=" + redButton + "]";
    }
}
