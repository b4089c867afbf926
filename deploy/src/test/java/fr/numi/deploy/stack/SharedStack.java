package fr.numi.deploy.stack;

import fr.numi.deploy.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One whole local stack for the end-to-end classes of this JVM (journeys, observability), started
 * on first use and stopped when the JVM ends: a stack start costs about a minute, so the classes
 * share it rather than each starting one. Two instances of ticket-service (the consumer groups split
 * the work, and the conversation rules must hold across instances); intake talks to {@link
 * FakeGateways} as its WhatsApp and Twilio providers and e-mails the local mailbox; urgency pages a
 * webhook nobody answers (so paging failures show in the metrics).
 */
public final class SharedStack {

    static final String PUBLIC_BASE_URL = "https://numi.e2e.test";
    private static LocalStack stack;
    private static FakeGateways gateways;

    private SharedStack() {}

    public static synchronized LocalStack get() {
        if (stack == null) {
            gateways = new FakeGateways();
            String pagingWebhook = "http://127.0.0.1:" + FreePorts.next() + "/api/v2/alerts";
            try {
                stack = LocalStack.start(Path.of("..").toAbsolutePath().normalize(), (service, s) -> switch (service) {
                    case "intake-service" -> {
                        Map<String, String> env = new HashMap<>(gateways.intakeEnvironment(PUBLIC_BASE_URL));
                        env.put("NUMI_WEB_ALLOWED_ORIGINS", s.url("ticket-service"));
                        env.put("NUMI_INTAKE_CTI_TOKENS_PBX", "e2e-cti-token");
                        env.put("NUMI_OUTBOX_API", "true");
                        yield env;
                    }
                    case "urgency-service" -> Map.of("NUMI_PAGING_WEBHOOK_URL", pagingWebhook);
                    default -> Map.of();
                }, Map.of("ticket-service", 2));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                gateways.close();
            }, "numi-e2e-stack-stop"));
        }
        return stack;
    }

    static FakeGateways gateways() {
        get();
        return gateways;
    }

}
