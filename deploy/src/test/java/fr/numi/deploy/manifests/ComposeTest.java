package fr.numi.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose/compose.yaml as {@code docker-compose config} resolves it (Debian's docker-compose
 * 1.29): every image pinned and either ours or a known public one, every port the service's
 * {@code server.port}, every variable one the service reads, the cluster, the replica set and the
 * topic job laid out for production, and Prometheus scraping every instance.
 */
class ComposeTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DIR = ROOT.resolve("deploy/compose");
    static final String INSTALL = "apt-get update && apt-get install -y --no-install-recommends docker-compose";
    /** The public images compose may name (pinned to a version). */
    static final Set<String> PUBLIC_IMAGES =
            Set.of("apache/kafka", "mongo", "prom/prometheus", "prom/alertmanager", "grafana/grafana", "axllent/mailpit");
    /** The variables compose requires (${VAR:?...}); placeholders here, real values in deploy/compose/.env. */
    static final Map<String, String> SECRETS =
            Map.of("NUMI_CUSTOMER_ID_SECRET", "placeholder", "NUMI_PRIVACY_MASTER_KEY", "placeholder", "NUMI_JWT_ISSUER_URI", "http://identity.example.test", "GRAFANA_ADMIN_PASSWORD", "placeholder");

    static Map<String, Map<String, Object>> services;
    static Map<String, ServiceConfig> configs;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void resolve() throws Exception {
        Tool compose = Tool.require("docker-compose", INSTALL, System.getenv());
        // an empty env file: the developer's deploy/compose/.env plays no part
        Path noEnvFile = Files.createTempFile("compose", ".env");
        Tool.Result result = compose.run(DIR, SECRETS, "--env-file", noEnvFile.toString(), "-f", "compose.yaml", "config");
        Files.delete(noEnvFile);
        assertThat(result.exitCode()).as("docker-compose config\n%s", result.output()).isZero();
        Map<String, Object> resolved = new Yaml().load(result.output());
        services = (Map<String, Map<String, Object>>) resolved.get("services");
        configs = ServiceConfig.load(ROOT);
    }

    /** The compose services that run one of numi's images, by numi service. */
    static Map<String, List<String>> instances() {
        Map<String, List<String>> instances = new TreeMap<>();
        services.forEach((name, service) -> {
            String image = (String) service.get("image");
            if (image.startsWith("numi/")) {
                instances.computeIfAbsent(image.substring(5, image.indexOf(':')), k -> new ArrayList<>()).add(name);
            }
        });
        return instances;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(String name) {
        Object env = services.get(name).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put((String) k, v == null ? "" : String.valueOf(v)));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static List<String> list(String name, String key) {
        Object value = services.get(name).get(key);
        return value == null ? List.of() : ((List<Object>) value).stream().map(String::valueOf).toList();
    }

    @Test
    void shouldRefuseToStartWithoutTheSecrets() throws Exception {
        Tool compose = Tool.require("docker-compose", INSTALL, System.getenv());
        Path noEnvFile = Files.createTempFile("compose", ".env");
        Map<String, String> withoutCustomerIdSecret = new LinkedHashMap<>(SECRETS);
        withoutCustomerIdSecret.put("NUMI_CUSTOMER_ID_SECRET", "");

        Tool.Result result = compose.run(DIR, withoutCustomerIdSecret, "--env-file", noEnvFile.toString(), "-f", "compose.yaml", "config");
        Files.delete(noEnvFile);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("set NUMI_CUSTOMER_ID_SECRET in deploy/compose/.env");
    }

    @Nested
    class Images {

        @Test
        void shouldNameOnlyOurImagesAndKnownPublicOnesEachPinnedToAVersion() {
            services.forEach((name, service) -> {
                String image = (String) service.get("image");
                assertThat(image).as(name).matches("[a-z0-9./-]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
                String repository = image.substring(0, image.lastIndexOf(':'));
                if (repository.startsWith("numi/")) {
                    assertThat(ServiceConfig.SERVICES).as(name + ": one of our images").contains(repository.substring(5));
                    assertThat(Files.exists(ROOT.resolve(repository.substring(5) + "/pom.xml"))).isTrue();
                } else {
                    assertThat(PUBLIC_IMAGES).as(name + ": a known public image").contains(repository);
                }
            });
        }

        @Test
        void shouldRunEveryServiceAndTwoInstancesOfEachConsumerService() {
            Map<String, List<String>> instances = instances();
            assertThat(instances).containsOnlyKeys(ServiceConfig.SERVICES);
            ServiceConfig.CONSUMER_SERVICES.forEach(service -> assertThat(instances.get(service)).as(service).hasSize(2));
        }
    }

    @Nested
    class Services {

        @Test
        void shouldExposeEachServiceOnItsServerPort() {
            instances().forEach((service, names) -> names.forEach(name -> {
                int port = configs.get(service).port();
                List<String> ports = new ArrayList<>(list(name, "expose"));
                list(name, "ports").forEach(p -> ports.add(p.replaceAll("/tcp$", "").replaceAll(".*:", "")));
                assertThat(ports).as(name + " ports").isNotEmpty()
                        .containsOnly(Integer.toString(port), Integer.toString(configs.get(service).managementPort()));
                environment(name).forEach((variable, value) -> {
                    if (variable.matches("NUMI_(INTAKE|TRIAGE|TICKET|URGENCY|FEEDBACK)_PORT")) {
                        assertThat(value).as(name + " " + variable).isEqualTo(Integer.toString(port));
                    }
                });
            }));
        }

        @Test
        void shouldSetOnlyVariablesTheServiceReads() {
            instances().forEach((service, names) -> names.forEach(name -> environment(name).keySet().forEach(variable ->
                    assertThat(configs.get(service).reads(variable))
                            .as("%s sets %s, which %s does not read (no ${%s} in its application.yml)", name, variable, service, variable)
                            .isTrue())));
        }

        @Test
        void shouldRunReadOnlyWithoutPrivilegesAndReachTheClusterAndTheReplicaSet() {
            instances().values().stream().flatMap(List::stream).forEach(name -> {
                Map<String, Object> service = services.get(name);
                assertThat(service.get("read_only")).as(name).isEqualTo(true);
                assertThat(list(name, "tmpfs")).as(name).anyMatch(t -> t.startsWith("/tmp:"));
                assertThat(list(name, "cap_drop")).as(name).containsExactly("ALL");
                assertThat(list(name, "security_opt")).as(name).contains("no-new-privileges:true");
                assertThat(service).as(name).containsKey("mem_limit");
                assertThat(environment(name).get("NUMI_KAFKA_BOOTSTRAP")).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
                assertThat(environment(name).get("NUMI_MONGO_URI")).contains("replicaSet=rs0", "w=majority");
                assertThat(service.get("depends_on").toString()).contains("kafka-topics", "mongo-init", "service_completed_successfully");
            });
        }
    }

    @Nested
    class Infrastructure {

        @Test
        void shouldRunAThreeBrokerKraftClusterWithReplicationThreeAndTwoInSyncReplicas() {
            List<String> brokers = services.keySet().stream().filter(n -> n.matches("kafka-\\d")).toList();
            assertThat(brokers).containsExactly("kafka-1", "kafka-2", "kafka-3");
            brokers.forEach(broker -> {
                Map<String, String> env = environment(broker);
                assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
                assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
                assertThat(env.get("KAFKA_NODE_ID")).isEqualTo(broker.substring(6));
                assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR")).isEqualTo("3");
                assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS")).isEqualTo("2");
                assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
            });
        }

        @Test
        void shouldProvisionEveryTopicWithProductionSettingsBeforeTheServicesStart() {
            Map<String, String> env = environment("kafka-topics");
            assertThat(env).containsEntry("PARTITIONS", "6").containsEntry("REPLICATION", "3").containsEntry("MIN_INSYNC_REPLICAS", "2");
            assertThat(list("kafka-topics", "volumes")).anyMatch(v -> v.startsWith(ROOT.resolve(TopicsTest.SCRIPT) + ":"));
            assertThat(services.get("kafka-topics").get("restart")).isEqualTo("no");
        }

        @Test
        void shouldRunAThreeMemberReplicaSet() {
            List<String> members = services.keySet().stream().filter(n -> n.matches("mongo-\\d")).toList();
            assertThat(members).containsExactly("mongo-1", "mongo-2", "mongo-3");
            members.forEach(member -> assertThat(list(member, "command")).contains("--replSet", "rs0"));
            assertThat(list("mongo-init", "entrypoint").toString()).contains("rs.initiate", "mongo-1:27017", "mongo-2:27017", "mongo-3:27017");
        }

        @Test
        void shouldScrapeEveryInstanceOnItsPortUnderTheJobNamesTheRulesUse() throws Exception {
            String prometheus = Files.readString(DIR.resolve("prometheus.yml"));
            Matcher jobs = Pattern.compile("- job_name: (\\S+)\\s+metrics_path: /actuator/prometheus\\s+static_configs:\\s+- targets: \\[([^]]+)]")
                    .matcher(prometheus);
            Map<String, List<String>> scraped = new TreeMap<>();
            while (jobs.find()) {
                scraped.put(jobs.group(1), List.of(jobs.group(2).replace("'", "").split(",\\s*")));
            }
            Map<String, List<String>> expected = new TreeMap<>();
            instances().forEach((service, names) ->
                    expected.put(service, names.stream().map(n -> n + ":" + configs.get(service).managementPort()).sorted().toList()));
            scraped.replaceAll((job, targets) -> targets.stream().sorted().toList());
            assertThat(scraped).isEqualTo(expected);
            assertThat(prometheus).contains("rules/*.rules.yml", "alertmanager:9093");
            assertThat(list("prometheus", "volumes")).anyMatch(v -> v.startsWith(ROOT.resolve("deploy/observability/rules") + ":"));
            assertThat(list("grafana", "volumes")).anyMatch(v -> v.startsWith(ROOT.resolve("deploy/observability/grafana/dashboards") + ":"));
            assertThat(environment("urgency-service-1").get("NUMI_PAGING_WEBHOOK_URL")).isEqualTo("http://alertmanager:9093/api/v2/alerts");
        }

        @Test
        void shouldPassPromtoolCheckConfig() throws Exception {
            Tool promtool = Tool.require("promtool", "apt-get install -y --no-install-recommends prometheus", System.getenv());

            Tool.Result result = promtool.run(DIR, Map.of(), "check", "config", "prometheus.yml");

            assertThat(result.exitCode()).as("promtool check config\n%s", result.output()).isZero();
        }
    }
}
