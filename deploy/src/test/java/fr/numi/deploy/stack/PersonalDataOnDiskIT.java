package fr.numi.deploy.stack;

import static fr.numi.deploy.stack.ConversationIT.awaitTicketOf;
import static fr.numi.deploy.stack.ConversationIT.claimAndReply;
import static fr.numi.deploy.stack.ConversationIT.text;
import static fr.numi.deploy.stack.ConversationIT.whatsApp;
import static fr.numi.deploy.stack.JourneyIT.awaitTracking;
import static fr.numi.deploy.stack.JourneyIT.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import fr.numi.deploy.identity.DemoAgents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the broker keeps on disk holds no person's data in clear (crypto-shredding, docs/privacy.md): a person writes on
 * WhatsApp and on the web form with one phone number, an agent answers; then every byte of every file in the broker's log
 * directory (topics, dead-letter topics, indexes) is searched for their number, their name and words of their messages.
 * The ticket's reference, which is not personal, is found there: the search reads what the broker wrote.
 */
class PersonalDataOnDiskIT {

    static LocalStack stack;
    static FakeGateways gateways;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        gateways = SharedStack.gateways();
        ConversationIT.stack = stack;
        ConversationIT.gateways = gateways;
        JourneyIT.stack = stack;
    }

    @Test
    void shouldKeepNoPhoneNumberNameNorWordOfThePersonInTheBrokersFiles() throws Exception {
        // given: one person, one mobile number, words nobody else writes
        String national = "6" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String waId = "33" + national;
        String name = "Anatole" + word();
        String webWord = "Zorglubette" + word();
        String whatsAppWord = "Vermicelle" + word();
        String replyWord = "Farfadet" + word();

        // when: they write on WhatsApp, and an agent answers them there
        whatsApp(waId, name, text("Bonjour, mon téléphone affiche " + whatsAppWord + " et ne s'allume plus"));
        String whatsAppTicket = awaitTicketOf("+" + waId, 1);
        claimAndReply(whatsAppTicket, stack.token(DemoAgents.SUPERVISOR), "Bonjour, appuyez dix secondes sur " + replyWord + ".");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gateways.sentTo(waId))
                .anySatisfy(s -> assertThat(s.body()).contains(replyWord)));
        // and they also write on the web form, typing the same number
        HttpResponse<String> accepted = post(stack.url("intake-service") + "/api/v1/requests", null,
                "{\"name\":\"" + name + "\",\"contact\":{\"kind\":\"PHONE\",\"value\":\"+" + waId + "\"},"
                        + "\"description\":\"Mon ordinateur affiche " + webWord + " au démarrage, que faire ?\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String webTicket = JsonPath.read(accepted.body(), "$.ticketId");
        awaitTracking(JsonPath.read(accepted.body(), "$.trackingToken"), body -> !"RECEIVED".equals(JsonPath.read(body, "$.status")));

        // then: the broker's files hold the tickets' references, and none of the person's data
        Map<String, List<Path>> found = search(stack.kafkaLogDir(), List.of(webTicket, whatsAppTicket, national, name, webWord,
                whatsAppWord, replyWord));
        assertThat(found.get(webTicket)).as("the web ticket's reference on disk").isNotEmpty();
        assertThat(found.get(whatsAppTicket)).as("the WhatsApp ticket's reference on disk").isNotEmpty();
        assertThat(found.get(national)).as("files holding the phone number").isEmpty();
        assertThat(found.get(name)).as("files holding the name").isEmpty();
        assertThat(found.get(webWord)).as("files holding a word of the web request").isEmpty();
        assertThat(found.get(whatsAppWord)).as("files holding a word of the WhatsApp message").isEmpty();
        assertThat(found.get(replyWord)).as("files holding a word of the agent's answer").isEmpty();
    }

    static String word() {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    /**
     * For each needle, the files under {@code dir} whose bytes contain it (UTF-8). One pass over each file for all the
     * needles, the zero bytes (most of a preallocated index) skipped at once.
     */
    static Map<String, List<Path>> search(Path dir, List<String> needles) throws IOException {
        Map<String, List<Path>> found = new LinkedHashMap<>();
        needles.forEach(n -> found.put(n, new ArrayList<>()));
        byte[][] wanted = needles.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                boolean[] in = contains(bytes, wanted);
                for (int k = 0; k < in.length; k++) {
                    if (in[k]) {
                        found.get(needles.get(k)).add(dir.relativize(file));
                    }
                }
            });
        }
        return found;
    }

    /** Which of the (non-empty) needles occur in the haystack. */
    static boolean[] contains(byte[] haystack, byte[][] needles) {
        boolean[] in = new boolean[needles.length];
        for (int i = 0; i < haystack.length; i++) {
            byte b = haystack[i];
            if (b == 0) {
                continue;
            }
            for (int k = 0; k < needles.length; k++) {
                byte[] needle = needles[k];
                if (in[k] || needle[0] != b || i + needle.length > haystack.length) {
                    continue;
                }
                int j = 1;
                while (j < needle.length && haystack[i + j] == needle[j]) {
                    j++;
                }
                in[k] = j == needle.length;
            }
        }
        return in;
    }
}
