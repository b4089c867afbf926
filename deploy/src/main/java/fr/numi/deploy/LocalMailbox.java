package fr.numi.deploy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The local run's mailbox: a real SMTP server (GreenMail) that keeps every e-mail numi sends, and a
 * JSON page listing them ({@code GET http://<host>:<mailbox port>/messages}), so that the e-mails a
 * person would get can be read in the local run and by end-to-end tests. Kept in memory only.
 */
public final class LocalMailbox implements AutoCloseable {

    /** One e-mail as received. */
    public record Mail(List<String> to, String from, String subject, String text) {}

    private final InfraSettings settings;
    private GreenMail smtp;
    private HttpServer page;

    LocalMailbox(InfraSettings settings) {
        this.settings = settings;
    }

    void start() throws IOException {
        smtp = new GreenMail(new ServerSetup(settings.smtpPort(), settings.bindHost(), ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        page = HttpServer.create(new InetSocketAddress(settings.bindHost(), settings.mailboxPort()), 0);
        page.createContext("/messages", this::list);
        page.start();
    }

    /** Every e-mail received so far, oldest first. */
    public List<Mail> messages() {
        return Arrays.stream(smtp.getReceivedMessages()).map(LocalMailbox::mail).toList();
    }

    private void list(HttpExchange exchange) throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (Mail m : messages()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"to\":[").append(m.to().stream().map(LocalMailbox::quote).collect(Collectors.joining(","))).append("],")
                    .append("\"from\":").append(quote(m.from())).append(",\"subject\":").append(quote(m.subject()))
                    .append(",\"text\":").append(quote(m.text())).append('}');
        }
        byte[] body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Mail mail(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return new Mail(to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(),
                    message.getFrom() == null || message.getFrom().length == 0 ? null : message.getFrom()[0].toString(),
                    message.getSubject(), String.valueOf(message.getContent()).replace("\r\n", "\n").strip());
        } catch (MessagingException | IOException e) {
            return new Mail(new ArrayList<>(), null, null, "(illisible : " + e.getMessage() + ")");
        }
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() {
        if (page != null) {
            page.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }
}
