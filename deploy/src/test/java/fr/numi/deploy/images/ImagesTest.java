package fr.numi.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import fr.numi.deploy.FreePorts;
import fr.numi.deploy.InfraSettings;
import fr.numi.deploy.LocalInfra;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * The five OCI image tarballs that {@code ./mvnw -Pimages package} writes (Jib, no Docker daemon):
 * their manifest and configuration (non-root user, JVM flags for containers, exposed port, entry
 * point), their files (a Java runtime and the C libraries it needs, nothing writable but /tmp), and
 * that they run: each image's layers are unpacked into a folder and its entry point started there
 * as a container would (its own root, PID and mount namespaces, /proc, user 65532), against a real
 * Kafka broker and Mongo-wire server, until it answers ready.
 *
 * <p>Runs with the images profile (which sets {@code numi.images}); skipped otherwise. Starting the
 * images needs root (as in CI); elsewhere that part is skipped.
 */
class ImagesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Map<String, Integer> PORTS = Map.of("intake-service", 8080, "triage-service", 8081, "ticket-service", 8082,
            "urgency-service", 8083, "feedback-service", 8084);
    static final String USER = "65532:65532";

    @TempDir
    static Path work;

    static final Map<String, Image> images = new LinkedHashMap<>();

    record Image(String service, DocumentContext config, Path rootfs, List<String> layerListing) {

        @SuppressWarnings("unchecked")
        List<String> list(String path) {
            Object value = config.read(path);
            return value == null ? List.of() : (List<String>) value;
        }

        String env(String name) {
            return list("$.config.Env").stream().filter(e -> e.startsWith(name + "=")).map(e -> e.substring(name.length() + 1))
                    .findFirst().orElse(null);
        }
    }

    @BeforeAll
    static void unpack() throws Exception {
        if (!Boolean.getBoolean("numi.images")) {
            throw new TestAbortedException("images are checked by ./mvnw -Pimages package (sets numi.images)");
        }
        for (String service : PORTS.keySet()) {
            Path tarball = ROOT.resolve(service + "/target/jib-image.tar");
            assertThat(tarball).as("%s: the images profile writes it", tarball).exists();
            Path layout = Files.createDirectories(work.resolve(service + "/layout"));
            run(List.of("tar", "-xf", tarball.toString(), "-C", layout.toString()));

            // the OCI image layout: index -> manifest -> config and layers
            DocumentContext index = json(layout.resolve("index.json"));
            assertThat(index.<String>read("$.manifests[0].annotations['org.opencontainers.image.ref.name']"))
                    .isEqualTo("numi/" + service + ":0.1.0-SNAPSHOT");
            DocumentContext manifest = json(blob(layout, index.read("$.manifests[0].digest")));
            assertThat(manifest.<String>read("$.mediaType")).isEqualTo("application/vnd.oci.image.manifest.v1+json");
            DocumentContext config = json(blob(layout, manifest.read("$.config.digest")));

            Path rootfs = Files.createDirectories(work.resolve(service + "/rootfs"));
            List<String> listing = new ArrayList<>();
            List<String> layers = manifest.read("$.layers[*].digest");
            for (String layer : layers) {
                Path file = blob(layout, layer);
                listing.addAll(run(List.of("tar", "--warning=no-unknown-keyword", "--numeric-owner", "-tvzf", file.toString())).lines().toList());
                run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", file.toString(), "-C", rootfs.toString()));
            }
            images.put(service, new Image(service, config, rootfs, listing));
        }
    }

    static Stream<String> services() {
        return PORTS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldRunAsNonRootWithContainerJvmFlagsAndTheServicePort(String service) {
        Image image = images.get(service);

        assertThat(image.config().<String>read("$.config.User")).isEqualTo(USER);
        // the API's port and the actuator's (management) port, 1000 above
        assertThat(image.config().<Map<String, Object>>read("$.config.ExposedPorts"))
                .containsOnlyKeys(PORTS.get(service) + "/tcp", (PORTS.get(service) + 1000) + "/tcp");
        assertThat(image.list("$.config.Entrypoint")).first().isEqualTo("java");
        assertThat(image.list("$.config.Entrypoint")).contains("-cp", "@/app/jib-classpath-file")
                .last().asString().startsWith("fr.numi.").endsWith("ServiceApplication");
        assertThat(image.env("JAVA_TOOL_OPTIONS"))
                .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp");
        assertThat(image.env("PATH")).startsWith("/opt/java/openjdk/bin:");
        assertThat(image.config().<String>read("$.config.Labels['org.opencontainers.image.title']")).isEqualTo(service);
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldCarryAJavaRuntimeWithItsLibrariesAndNothingWritableButTmp(String service) {
        Image image = images.get(service);
        Path rootfs = image.rootfs();

        assertThat(rootfs.resolve("opt/java/openjdk/bin/java")).isExecutable();
        assertThat(rootfs.resolve("lib64/ld-linux-x86-64.so.2")).isExecutable();
        assertThat(rootfs.resolve("lib/x86_64-linux-gnu/libc.so.6")).exists();
        assertThat(rootfs.resolve("lib/x86_64-linux-gnu/libz.so.1")).exists();
        assertThat(rootfs.resolve("opt/java/openjdk/lib/security/cacerts")).isRegularFile().isNotEmptyFile();
        assertThat(rootfs.resolve("app/jib-classpath-file")).exists();
        assertThat(rootfs.resolve("etc/passwd")).content().contains("numi:x:65532:65532:");
        // every entry of every layer belongs to root; only /tmp is writable by others (the user is "others")
        assertThat(image.layerListing()).allSatisfy(entry -> assertThat(entry.split("\\s+")[1]).isEqualTo("0/0"));
        assertThat(image.layerListing().stream().filter(e -> e.charAt(8) == 'w').map(e -> e.substring(e.lastIndexOf(' ') + 1)))
                .containsOnly("tmp/");
    }

    @Test
    void shouldShareOneRuntimeLayerAcrossTheFiveImages() throws IOException {
        List<String> runtimeLayers = new ArrayList<>();
        for (Image image : images.values()) {
            List<String> history = image.config().read("$.history[*].comment");
            List<String> diffIds = image.config().read("$.rootfs.diff_ids");
            runtimeLayers.add(diffIds.get(history.indexOf("extra files")));
        }
        assertThat(runtimeLayers).hasSize(5).containsOnly(runtimeLayers.get(0));
    }

    @Test
    void shouldStartEveryImageAsItsUserOnAReadOnlyRootUntilReady() throws Exception {
        // given: root, to give each image its own root, PID and mount namespaces (as in CI)
        String uid = run(List.of("id", "-u")).strip();
        if (!"0".equals(uid)) {
            String message = "starting the images needs root (unshare --root --mount-proc --setuid); uid is " + uid;
            if (System.getenv("CI") != null) {
                fail(message + " (CI is set: the images must be started)");
            }
            throw new TestAbortedException(message);
        }
        Path data = Files.createDirectories(work.resolve("infra"));
        InfraSettings settings = new InfraSettings("127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(), 1, data);
        Map<String, Process> running = new LinkedHashMap<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        try (LocalInfra infra = LocalInfra.start(settings)) {
            try {
                // when: each image's entry point, with the image's environment, in its unpacked root
                for (Image image : images.values()) {
                    int port = FreePorts.next();
                    ports.put(image.service(), port);
                    running.put(image.service(), start(image, settings, port));
                }

                // then: every one answers ready, and runs as numi on the image's own Java
                for (String service : running.keySet()) {
                    awaitReady(service, running.get(service), ports.get(service));
                    assertThat(Files.readString(Path.of("/proc/" + java(running.get(service)).pid() + "/status")))
                            .containsPattern("(?m)^Uid:\\s+65532\\s");
                }
            } finally {
                stop(running.values());
            }
        }
    }

    /** unshare(1) as a container runtime: new root, PID and mount namespaces, /proc, the image's user and working directory. */
    private static Process start(Image image, InfraSettings settings, int port) throws IOException {
        Files.createDirectories(image.rootfs().resolve("proc"));
        List<String> command = new ArrayList<>(List.of("unshare", "--fork", "--pid", "--mount-proc", "--root=" + image.rootfs(),
                "--wd=" + image.config().read("$.config.WorkingDir"), "--setuid=65532", "--setgid=65532"));
        command.addAll(image.list("$.config.Entrypoint"));
        command.set(command.indexOf("java"), "/opt/java/openjdk/bin/java");
        Path log = Files.createDirectories(ROOT.resolve("deploy/target/image-logs")).resolve(image.service() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        image.list("$.config.Env").forEach(e -> env.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
        // C1 only and a bounded heap: five JVMs start at once on a small machine
        env.put("JAVA_TOOL_OPTIONS", image.env("JAVA_TOOL_OPTIONS") + " -XX:TieredStopAtLevel=1 -Xmx384m");
        env.put("NUMI_KAFKA_BOOTSTRAP", settings.kafkaBootstrap());
        env.put("NUMI_MONGO_URI", settings.mongoUri());
        env.put("NUMI_CUSTOMER_ID_SECRET", "images-test-customer-id-secret-0123456789");
        env.put("NUMI_PRIVACY_MASTER_KEY", "6e756d692d656e642d746f2d656e642d74657374732d6d61737465722d6b6579");
        // required; asked for its keys only when an agent's token comes, which none does here
        env.put("NUMI_JWT_ISSUER_URI", "http://127.0.0.1:9/realms/numi");
        env.put("NUMI_" + image.service().substring(0, image.service().indexOf('-')).toUpperCase() + "_PORT", Integer.toString(port));
        env.put("NUMI_" + image.service().substring(0, image.service().indexOf('-')).toUpperCase() + "_MANAGEMENT_PORT", Integer.toString(FreePorts.next()));
        return builder.start();
    }

    private static void awaitReady(String service, Process process, int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI readiness = URI.create("http://127.0.0.1:" + port + "/readyz");
        Awaitility.await(service + " image ready").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(service + " exited: see deploy/target/image-logs/" + service + ".log");
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("UP");
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** The image's JVM: unshare's child, PID 1 of its namespace. */
    private static ProcessHandle java(Process unshare) {
        return unshare.toHandle().children().findFirst().orElseThrow(() -> new AssertionError("no process under unshare"));
    }

    /** SIGTERM to each JVM (unshare ignores it and waits for its child), then SIGKILL to what is left after 30 s. */
    private static void stop(Iterable<Process> processes) throws InterruptedException {
        for (Process process : processes) {
            process.toHandle().children().forEach(ProcessHandle::destroy);
        }
        for (Process process : processes) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    private static DocumentContext json(Path file) throws IOException {
        return JsonPath.parse(Files.readString(file));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

}
