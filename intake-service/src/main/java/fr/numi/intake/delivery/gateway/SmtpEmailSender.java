package fr.numi.intake.delivery.gateway;

import fr.numi.intake.config.DeliveryProperties;
import fr.numi.intake.delivery.application.EmailSender;
import fr.numi.intake.delivery.application.OutgoingMessage;
import fr.numi.intake.delivery.application.ProviderException;
import fr.numi.intake.delivery.domain.IdempotencyKey;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * E-mail through an SMTP server (Spring's {@link JavaMailSenderImpl}), plain text in UTF-8 from the
 * configured sender, behind the {@code smtp} guard. The {@code Message-ID} is the notification's idempotency key
 * ({@code <ntf_…@numi>}), the same on every attempt, so a message sent again after an outcome numi could not record is
 * recognisably the same one (mail stores and clients that de-duplicate by Message-ID show it once); it is also what numi
 * keeps as the provider id. An address the server refuses (5xx on RCPT) fails for good; a server away or busy is
 * transient and retried.
 */
@Component
class SmtpEmailSender implements EmailSender {

    static final String NAME = "smtp";

    private final DeliveryProperties.Email settings;
    private final JavaMailSenderImpl mail;
    private final ProviderGuard guard;

    SmtpEmailSender(DeliveryProperties properties, MeterRegistry meters) {
        this.settings = properties.email();
        this.mail = new JavaMailSenderImpl();
        mail.setHost(settings.host());
        mail.setPort(settings.port());
        mail.setDefaultEncoding("UTF-8");
        if (!settings.username().isBlank()) {
            mail.setUsername(settings.username());
            mail.setPassword(settings.password());
        }
        Properties javaMail = mail.getJavaMailProperties();
        javaMail.put("mail.smtp.auth", Boolean.toString(!settings.username().isBlank()));
        javaMail.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
        javaMail.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
        javaMail.put("mail.smtp.connectiontimeout", "5000");
        javaMail.put("mail.smtp.timeout", "10000");
        javaMail.put("mail.smtp.writetimeout", "10000");
        this.guard = new ProviderGuard(NAME, properties.resilience(), meters);
    }

    @Override
    public boolean configured() {
        return settings.configured();
    }

    @Override
    public Mono<String> send(OutgoingMessage message) {
        return guard.guard(Mono.fromCallable(() -> sendNow(message)).subscribeOn(Schedulers.boundedElastic()));
    }

    private String sendNow(OutgoingMessage message) {
        String messageId = IdempotencyKey.messageId(message.idempotencyKey());
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(message.to());
            helper.setSubject("Votre demande " + message.ticketId() + " – numi");
            helper.setText(message.text(), false);
            mime.setHeader("Auto-Submitted", "auto-generated");
            mime.saveChanges();
            mime.setHeader("Message-ID", messageId);
            mail.send(mime);
            return messageId;
        } catch (MailParseException | MailPreparationException | MessagingException e) {
            throw new ProviderException(NAME + ": the message could not be built (" + e.getClass().getSimpleName() + ")", false);
        } catch (MailAuthenticationException e) {
            throw new ProviderException(NAME + ": authentication refused", false);
        } catch (MailException e) {
            // A refused recipient is a permanent failure; anything else (server away, busy) is retried.
            boolean refusedAddress = String.valueOf(e.getMessage()).contains("Invalid Addresses")
                    || String.valueOf(e.getMessage()).contains("550");
            throw new ProviderException(NAME + ": " + (refusedAddress ? "address refused by the server" : "server unavailable"),
                    !refusedAddress);
        }
    }
}
