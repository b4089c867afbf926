package fr.numi.deploy.stack;

import fr.numi.deploy.FreePorts;
import fr.numi.deploy.InfraSettings;
import fr.numi.deploy.LocalInfra;
import fr.numi.deploy.identity.AgentSignIn;
import fr.numi.deploy.identity.DemoAgents;
import fr.numi.deploy.identity.IdentitySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The whole of numi as the local run starts it, for end-to-end tests: the real KRaft broker, the
 * Mongo-wire server and the identity provider (in this JVM, on free ports, in a temporary folder) and
 * the five services' packaged jars, each in its own JVM, checking the provider's tokens. Nothing is mocked.
 *
 * <p>A benchmark runs the infrastructure in its own JVM too ({@link Infra#OWN_PROCESS}: the packaged
 * {@code deploy} jar, as the local run does), so that its CPU and memory are measured apart from the
 * load generator's; {@link #processes()} names every process.
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> SERVICES =
            List.of("intake-service", "triage-service", "ticket-service", "urgency-service", "feedback-service");
    /** The key of a service instance's management port in {@code ports}. */
    private static final String MANAGEMENT = "@management";

    /** The demo agents' password on the stack's identity provider. */
    public static final String DEMO_PASSWORD = "end-to-end-demo-password";

    /**
     * How long a process may take to be ready: 240 s, or {@code -Dnumi.stack.ready-seconds=...} (the fault suite gives
     * more: on a busy 2-core machine a service killed under load may take longer to start again).
     */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("numi.stack.ready-seconds", 240));

    /**
     * The services' JVM flags by default: the local run's ({@code NUMI_SERVICE_JAVA_OPTS} in deploy/local/numi-local.sh,
     * C1 only: fast start, less CPU on 2 cores; {@code JvmFlagsTest} checks the two agree).
     */
    public static final String SERVICE_JVM_DEFAULT = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms64m -Xmx384m -XX:+ExitOnOutOfMemoryError";

    /** The infrastructure's JVM flags by default, in its own process: the local run's ({@code NUMI_INFRA_JAVA_OPTS}). */
    public static final String INFRA_JVM_DEFAULT = "-XX:+UseSerialGC -Xss512k -Xms64m -Xmx768m -XX:+ExitOnOutOfMemoryError";

    /** The services' flags: the default, or {@code -Dnumi.stack.jvm="..."} (a benchmark asking for the full JIT). */
    static final List<String> JVM_OPTIONS = List.of(System.getProperty("numi.stack.jvm", SERVICE_JVM_DEFAULT).trim().split("\\s+"));

    /** The infrastructure's flags: the default, or {@code -Dnumi.stack.infra.jvm="..."}. */
    static final List<String> INFRA_JVM_OPTIONS = List.of(System.getProperty("numi.stack.infra.jvm", INFRA_JVM_DEFAULT).trim().split("\\s+"));

    /** The name {@link #processes()} gives the infrastructure when it runs in its own process. */
    public static final String INFRA = "local-infra";

    /** Where the Kafka broker, the Mongo-wire server and the mailbox run. */
    public enum Infra {
        /** In the JVM that starts the stack (tests: one JVM less to start). */
        IN_THIS_JVM,
        /** In a JVM of its own from the packaged deploy jar, as the local run starts it (benchmarks). */
        OWN_PROCESS
    }

    private final LocalInfra infra;
    private Process infraProcess;
    private Path root;
    private final InfraSettings settings;
    private final IdentitySettings identity;
    private final Map<String, Integer> ports;
    private final Map<String, Integer> instances;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, ProcessBuilder> launchers = new LinkedHashMap<>();
    private final Path logs;

    private LocalStack(LocalInfra infra, Process infraProcess, InfraSettings settings, IdentitySettings identity,
            Map<String, Integer> ports, Map<String, Integer> instances, Path logs) {
        this.infra = infra;
        this.infraProcess = infraProcess;
        this.settings = settings;
        this.identity = identity;
        this.ports = ports;
        this.instances = instances;
        this.logs = logs;
    }

    /** Starts the infrastructure, then the services in parallel, and returns once every one is ready. */
    public static LocalStack start(Path root) throws IOException, InterruptedException {
        return start(root, (service, stack) -> Map.of());
    }

    /**
     * The same, with extra environment variables per service, computed once the ports are chosen (e.g.
     * the origin of ticket-service's pages that intake-service must allow).
     */
    public static LocalStack start(Path root, BiFunction<String, LocalStack, Map<String, String>> extraEnvironment)
            throws IOException, InterruptedException {
        return start(root, extraEnvironment, Map.of());
    }

    /**
     * The same, with more than one instance of some services ({@code instances}: service → count), each
     * on its own port in the same consumer groups: {@code url(service, i)} reaches instance i.
     */
    public static LocalStack start(Path root, BiFunction<String, LocalStack, Map<String, String>> extraEnvironment,
            Map<String, Integer> instances) throws IOException, InterruptedException {
        return start(root, extraEnvironment, instances, Infra.IN_THIS_JVM);
    }

    /**
     * The same, with the infrastructure where {@code where} says. In its own process it has the local
     * run's partition count ({@code NUMI_KAFKA_PARTITIONS}, 6 by default) and its data folder is deleted
     * on {@link #close()}.
     */
    public static LocalStack start(Path root, BiFunction<String, LocalStack, Map<String, String>> extraEnvironment,
            Map<String, Integer> instances, Infra where) throws IOException, InterruptedException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String service : SERVICES) {
            int count = Math.max(1, instances.getOrDefault(service, 1));
            counts.put(service, count);
            for (int i = 0; i < count; i++) {
                ports.put(key(service, i), FreePorts.next());
                ports.put(key(service, i) + MANAGEMENT, FreePorts.next());
            }
        }
        Path data = Files.createTempDirectory("numi-e2e-");
        Path logs = root.resolve("deploy/target/e2e-logs");
        Files.createDirectories(logs);
        List<String> consoles = new ArrayList<>();
        for (int i = 0; i < counts.get("ticket-service"); i++) {
            consoles.add("http://127.0.0.1:" + ports.get(key("ticket-service", i)) + "/console/");
        }
        IdentitySettings identity = new IdentitySettings("127.0.0.1", FreePorts.next(), DEMO_PASSWORD, consoles, Duration.ofMinutes(30),
                data.resolve("identity").resolve("jwk.json"));
        LocalInfra infra = null;
        Process infraProcess = null;
        InfraSettings settings;
        if (where == Infra.OWN_PROCESS) {
            settings = new InfraSettings("127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(),
                    InfraSettings.fromEnvironment().kafkaPartitions(), data, FreePorts.next(), FreePorts.next());
            infraProcess = startInfraProcess(root, settings, identity, logs.resolve(INFRA + ".log"));
        } else {
            settings = new InfraSettings("127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(), 1, data, FreePorts.next(), FreePorts.next());
            infra = LocalInfra.start(settings, identity);
        }
        LocalStack stack = new LocalStack(infra, infraProcess, settings, identity, ports, counts, logs);
        stack.root = root;
        try {
            for (String service : SERVICES) {
                for (int i = 0; i < counts.get(service); i++) {
                    stack.launch(root, service, i, settings, extraEnvironment.apply(service, stack));
                }
            }
            for (String service : SERVICES) {
                for (int i = 0; i < counts.get(service); i++) {
                    stack.awaitReady(key(service, i));
                }
            }
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** {@code java -jar deploy/target/deploy-<version>.jar} with the settings as its environment; returns at its ready line. */
    private static Process startInfraProcess(Path root, InfraSettings settings, IdentitySettings identity, Path log) throws IOException {
        Path jar = root.resolve("deploy/target/deploy-0.1.0-SNAPSHOT.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the deploy module first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(INFRA_JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long readyBefore = readyLines(log);
        Map<String, String> env = builder.environment();
        env.put(InfraSettings.BIND_HOST, settings.bindHost());
        env.put(InfraSettings.KAFKA_PORT, Integer.toString(settings.kafkaPort()));
        env.put(InfraSettings.KAFKA_CONTROLLER_PORT, Integer.toString(settings.controllerPort()));
        env.put(InfraSettings.MONGO_PORT, Integer.toString(settings.mongoPort()));
        env.put(InfraSettings.KAFKA_PARTITIONS, Integer.toString(settings.kafkaPartitions()));
        env.put(InfraSettings.DATA_DIR, settings.dataDir().toString());
        env.put(InfraSettings.SMTP_PORT, Integer.toString(settings.smtpPort()));
        env.put(InfraSettings.MAILBOX_PORT, Integer.toString(settings.mailboxPort()));
        env.put(IdentitySettings.PORT, Integer.toString(identity.port()));
        env.put(IdentitySettings.DEMO_PASSWORD, identity.demoPassword());
        env.put(IdentitySettings.CONSOLE_URLS, String.join(",", identity.consoleUrls()));
        Process process = builder.start();
        try {
            org.awaitility.Awaitility.await("the infrastructure's ready line in " + log)
                    .atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("the infrastructure exited; see " + log, () -> !process.isAlive())
                    .until(() -> readyLines(log) > readyBefore);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    private static long readyLines(Path log) throws IOException {
        return Files.exists(log)
                ? Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1).lines().filter(l -> l.contains(LocalInfra.READY_PREFIX)).count()
                : 0;
    }

    /**
     * Kills the infrastructure's own process at once (SIGKILL: the broker, the database and the identity provider go
     * as in a crash), runs {@code whileDown}, then starts it again on the same ports and data and returns at its
     * ready line. The services stay up throughout.
     */
    public void crashInfraAndRestart(Runnable whileDown) throws IOException, InterruptedException {
        if (infraProcess == null) {
            throw new IllegalStateException("the infrastructure runs in this JVM: start the stack with Infra.OWN_PROCESS");
        }
        infraProcess.destroyForcibly();
        if (!infraProcess.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the infrastructure did not stop");
        }
        whileDown.run();
        infraProcess = startInfraProcess(root, settings, identity, logs.resolve(INFRA + ".log"));
    }

    /** The first instance is known by the service's name, the others by {@code service#i}. */
    static String key(String service, int instance) {
        return instance == 0 ? service : service + "#" + instance;
    }

    private void launch(Path root, String service, int instance, InfraSettings settings, Map<String, String> extra) throws IOException {
        String key = key(service, instance);
        Path jar = root.resolve(service + "/target/" + service + "-0.1.0-SNAPSHOT.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the reactor packages the services before deploy's integration tests");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(key.replace('#', '-') + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("NUMI_KAFKA_BOOTSTRAP", settings.kafkaBootstrap());
        env.put("NUMI_MONGO_URI", settings.mongoUri());
        env.put("NUMI_CUSTOMER_ID_SECRET", "end-to-end-customer-id-secret-0123456789");
        env.put("NUMI_PRIVACY_MASTER_KEY", "6e756d692d656e642d746f2d656e642d74657374732d6d61737465722d6b6579");
        env.put("NUMI_JWT_ISSUER_URI", issuer());
        env.put("NUMI_TRACKING_BASE_URL", url("ticket-service") + "/api/v1/tracking/");
        env.put("NUMI_TRACKING_PAGE_URL", url("ticket-service") + "/suivi.html?t=");
        env.put("NUMI_SMTP_HOST", settings.bindHost());
        env.put("NUMI_SMTP_PORT", Integer.toString(settings.smtpPort()));
        // JSON lines, as in the local run (the build sets NUMI_LOG_FORMAT empty for its own test JVMs, which this inherits).
        env.put("NUMI_LOG_FORMAT", "ecs");
        env.put("NUMI_" + service.substring(0, service.indexOf('-')).toUpperCase() + "_PORT", Integer.toString(ports.get(key)));
        env.put("NUMI_" + service.substring(0, service.indexOf('-')).toUpperCase() + "_MANAGEMENT_PORT", Integer.toString(ports.get(key + MANAGEMENT)));
        if (service.equals("intake-service")) {
            // a person's export reads the other services' parts, from any of their instances
            for (String other : SERVICES.subList(1, SERVICES.size())) {
                List<String> urls = new ArrayList<>();
                for (int i = 0; i < instances.get(other); i++) {
                    urls.add(url(other, i));
                }
                env.put("NUMI_" + other.substring(0, other.indexOf('-')).toUpperCase() + "_URL", String.join(",", urls));
            }
        }
        if (service.equals("ticket-service")) {
            // the pages call intake-service and the identity provider (Content-Security-Policy connect-src)
            StringBuilder sources = new StringBuilder(issuer());
            for (int i = 0; i < instances.get("intake-service"); i++) {
                sources.append(' ').append(url("intake-service", i));
            }
            env.put("NUMI_WEB_CONNECT_SOURCES", sources.toString());
        }
        env.putAll(extra);
        launchers.put(key, builder);
        processes.put(key, builder.start());
    }

    /**
     * Kills a service at once (no graceful shutdown: open connections drop, as in a crash), then starts
     * it again on the same port and settings and returns once it is ready. Its log goes on in the same file.
     */
    public void crashAndRestart(String service, Runnable whileDown) throws IOException, InterruptedException {
        Process process = processes.get(service);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(service + " did not stop");
        }
        whileDown.run();
        ProcessBuilder builder = launchers.get(service).redirectOutput(ProcessBuilder.Redirect.appendTo(log(service).toFile()));
        processes.put(service, builder.start());
        awaitReady(service);
    }

    private void awaitReady(String service) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI readiness = URI.create(url(service) + "/readyz");
        try {
            org.awaitility.Awaitility.await(service + " ready")
                    .atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!processes.get(service).isAlive()) {
                            throw new IllegalStateException(service + " exited; see " + log(service));
                        }
                        try {
                            HttpResponse<String> response = http.send(
                                    HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            return response.statusCode() == 200 && response.body().contains("UP");
                        } catch (IOException notYet) {
                            return false;
                        }
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException(service + " not ready within " + READY_TIMEOUT + "; see " + log(service), e);
        }
    }

    public String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Where a service's actuator answers (health, info, metrics): its management port. */
    public String managementUrl(String service) {
        return "http://127.0.0.1:" + ports.get(service + MANAGEMENT);
    }

    /** Where instance {@code i} of a service answers its actuator. */
    public String managementUrl(String service, int instance) {
        return "http://127.0.0.1:" + ports.get(key(service, instance) + MANAGEMENT);
    }

    /** Instance {@code i} of a service started with more than one. */
    public String url(String service, int instance) {
        return "http://127.0.0.1:" + ports.get(key(service, instance));
    }

    /** The broker's log directory: its topics' segment files, as they lie on disk. */
    public java.nio.file.Path kafkaLogDir() {
        return settings.kafkaLogDir();
    }

    /** The identity provider's issuer, as the services know it. */
    public String issuer() {
        return identity.issuer();
    }

    /** An access token of the demo agent {@code agent}, signed in as the console and agent-token.sh do. */
    public String token(DemoAgents agent) {
        return AgentSignIn.accessToken(issuer(), agent.username(), DEMO_PASSWORD);
    }

    /** The e-mails numi sent, as the local mailbox received them (infrastructure in this JVM only). */
    public java.util.List<fr.numi.deploy.LocalMailbox.Mail> mails() {
        if (infra == null) {
            throw new IllegalStateException("the mailbox runs in the infrastructure's own process: read http://"
                    + settings.bindHost() + ":" + settings.mailboxPort() + "/messages");
        }
        return infra.mailbox().messages();
    }

    /**
     * Every process of the stack, by name: {@link #INFRA} first when the infrastructure runs in its own
     * process, then each service instance ({@code service} or {@code service#i}).
     */
    public Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> handles = new LinkedHashMap<>();
        if (infraProcess != null) {
            handles.put(INFRA, infraProcess.toHandle());
        }
        processes.forEach((name, process) -> handles.put(name, process.toHandle()));
        return handles;
    }

    /** Where the infrastructure runs. */
    public Infra infra() {
        return infraProcess != null ? Infra.OWN_PROCESS : Infra.IN_THIS_JVM;
    }

    public String kafkaBootstrap() {
        return settings.kafkaBootstrap();
    }

    public String mongoUri() {
        return settings.mongoUri();
    }

    public Path log(String service) {
        return logs.resolve(service.replace('#', '-') + ".log");
    }

    /** Stops the services (SIGTERM, graceful), then the infrastructure. */
    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (infra != null) {
            infra.close();
        } else {
            stopInfraProcess();
        }
    }

    /** SIGTERM (its shutdown hook stops Kafka then Mongo), then its data folder goes. */
    private void stopInfraProcess() {
        try {
            infraProcess.destroy();
            if (!infraProcess.waitFor(30, TimeUnit.SECONDS)) {
                infraProcess.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            infraProcess.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(settings.dataDir())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + settings.dataDir() + ": " + e.getMessage());
        }
    }

}
