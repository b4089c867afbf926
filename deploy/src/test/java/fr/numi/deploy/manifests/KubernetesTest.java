package fr.numi.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/k8s as {@code kubectl kustomize} renders each overlay: every Deployment has its three
 * probes on Spring's health groups, requests and limits, a non-root, read-only, unprivileged
 * security context, a Service, a PodDisruptionBudget, a HorizontalPodAutoscaler and a
 * NetworkPolicy; it sets only variables its service reads; secrets are references only.
 */
class KubernetesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final String INSTALL = "apt-get update && apt-get install -y --no-install-recommends kubernetes-client";

    static Map<String, ServiceConfig> configs;
    static final Map<String, List<Map<String, Object>>> rendered = new LinkedHashMap<>();

    static List<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            return dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml"))).map(d -> d.getFileName().toString()).sorted().toList();
        }
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void render() throws Exception {
        configs = ServiceConfig.load(ROOT);
        Tool kubectl = Tool.require("kubectl", INSTALL, System.getenv());
        for (String overlay : overlays()) {
            Tool.Result result = kubectl.run(K8S, Map.of(), "kustomize", "overlays/" + overlay);
            assertThat(result.exitCode()).as("kubectl kustomize overlays/%s\n%s", overlay, result.output()).isZero();
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object document : new Yaml().loadAll(result.output())) {
                if (document != null) {
                    objects.add((Map<String, Object>) document);
                }
            }
            rendered.put(overlay, objects);
        }
    }

    // --- reading the rendered objects

    static List<Map<String, Object>> objects(String overlay, String kind) {
        return rendered.get(overlay).stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return (T) current;
    }

    static String name(Map<String, Object> object) {
        return at(object, "metadata", "name");
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = at(deployment, "spec", "template", "spec", "containers");
        assertThat(containers).as(name(deployment) + " containers").hasSize(1);
        return containers.get(0);
    }

    static Map<String, Object> named(String overlay, String kind, String name) {
        return objects(overlay, kind).stream().filter(o -> name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    /** Every environment variable the container gets: env, and the keys of its envFrom ConfigMaps. */
    static Set<String> variables(String overlay, Map<String, Object> deployment) {
        Map<String, Object> container = container(deployment);
        Set<String> names = new TreeSet<>();
        List<Map<String, Object>> env = at(container, "env");
        if (env != null) {
            env.forEach(e -> names.add((String) e.get("name")));
        }
        List<Map<String, Object>> envFrom = at(container, "envFrom");
        if (envFrom != null) {
            for (Map<String, Object> source : envFrom) {
                String configMap = at(source, "configMapRef", "name");
                assertThat(configMap).as(name(deployment) + ": envFrom ConfigMaps only (secrets by key)").isNotNull();
                Map<String, Object> data = at(named(overlay, "ConfigMap", configMap), "data");
                names.addAll(data.keySet());
            }
        }
        return names;
    }

    static Stream<String> overlayNames() throws IOException {
        return overlays().stream();
    }

    // --- the tests

    @Test
    void shouldRenderTheLocalAndProductionOverlaysAndTheConsumerLagVariant() throws IOException {
        assertThat(overlays()).contains("local", "production", "production-consumer-lag");
        rendered.keySet().forEach(overlay -> assertThat(objects(overlay, "Deployment")).extracting(KubernetesTest::name)
                .as(overlay).containsExactlyInAnyOrderElementsOf(ServiceConfig.SERVICES));
    }

    @ParameterizedTest
    @MethodSource("overlayNames")
    void shouldGiveEveryDeploymentItsThreeProbesOnTheServicePort(String overlay) {
        for (Map<String, Object> deployment : objects(overlay, "Deployment")) {
            String service = name(deployment);
            Map<String, Object> container = container(deployment);
            List<Map<String, Object>> ports = at(container, "ports");
            assertThat(ports).as(service).hasSize(2);
            assertThat(ports.get(0).get("name")).isEqualTo("http");
            assertThat(ports.get(0).get("containerPort")).as(service + " containerPort = server.port").isEqualTo(configs.get(service).port());
            assertThat(ports.get(1).get("name")).isEqualTo("management");
            assertThat(ports.get(1).get("containerPort")).as(service + " management = management.server.port")
                    .isEqualTo(configs.get(service).managementPort());
            Map<String, Object> annotations = at(deployment, "spec", "template", "metadata", "annotations");
            assertThat(annotations.get("prometheus.io/port")).as(service + " scraped on the management port")
                    .isEqualTo(Integer.toString(configs.get(service).managementPort()));
            assertThat((String) at(container, "startupProbe", "httpGet", "path")).as(service).isEqualTo("/livez");
            assertThat((String) at(container, "livenessProbe", "httpGet", "path")).as(service).isEqualTo("/livez");
            assertThat((String) at(container, "readinessProbe", "httpGet", "path")).as(service).isEqualTo("/readyz");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat((Object) at(container, probe, "httpGet", "port")).as(service + " " + probe).isEqualTo("http");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlayNames")
    void shouldGiveEveryDeploymentRequestsAndLimits(String overlay) {
        for (Map<String, Object> deployment : objects(overlay, "Deployment")) {
            Map<String, Object> resources = at(container(deployment), "resources");
            assertThat(resources).as(name(deployment)).isNotNull();
            assertThat((Map<String, Object>) at(resources, "requests")).as(name(deployment) + " requests").containsKeys("cpu", "memory");
            assertThat((Map<String, Object>) at(resources, "limits")).as(name(deployment) + " limits").containsKeys("cpu", "memory");
        }
    }

    @ParameterizedTest
    @MethodSource("overlayNames")
    void shouldRunEveryDeploymentAsNonRootOnAReadOnlyRootWithoutPrivileges(String overlay) {
        for (Map<String, Object> deployment : objects(overlay, "Deployment")) {
            String service = name(deployment);
            Map<String, Object> pod = at(deployment, "spec", "template", "spec");
            Map<String, Object> container = container(deployment);
            Object runAsNonRoot = Objects.requireNonNullElse(at(container, "securityContext", "runAsNonRoot"),
                    at(pod, "securityContext", "runAsNonRoot"));
            assertThat(runAsNonRoot).as(service + " runAsNonRoot").isEqualTo(true);
            assertThat((Object) at(pod, "securityContext", "runAsUser")).as(service + " runAsUser").isEqualTo(65532);
            assertThat((Object) at(container, "securityContext", "readOnlyRootFilesystem")).as(service).isEqualTo(true);
            assertThat((Object) at(container, "securityContext", "allowPrivilegeEscalation")).as(service).isEqualTo(false);
            assertThat((List<String>) at(container, "securityContext", "capabilities", "drop")).as(service).containsExactly("ALL");
            // the only writable path, /tmp, is an emptyDir
            List<Map<String, Object>> mounts = at(container, "volumeMounts");
            String tmp = mounts.stream().filter(m -> "/tmp".equals(m.get("mountPath"))).map(m -> (String) m.get("name")).findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": no /tmp volume"));
            List<Map<String, Object>> volumes = at(pod, "volumes");
            assertThat(volumes).as(service).anyMatch(v -> tmp.equals(v.get("name")) && v.containsKey("emptyDir"));
        }
    }

    @ParameterizedTest
    @MethodSource("overlayNames")
    void shouldGiveEveryDeploymentAServiceADisruptionBudgetAnAutoscalerAndANetworkPolicy(String overlay) throws IOException {
        int partitions = Integer.parseInt(Files.readString(ROOT.resolve(TopicsTest.SCRIPT))
                .replaceAll("(?s).*PARTITIONS=\"\\$\\{PARTITIONS:-(\\d+)}\".*", "$1"));
        for (Map<String, Object> deployment : objects(overlay, "Deployment")) {
            String service = name(deployment);
            Map<String, Object> podLabels = at(deployment, "spec", "template", "metadata", "labels");

            Map<String, Object> svc = named(overlay, "Service", service);
            assertThat(podLabels).as(service + " Service selector").containsAllEntriesOf(at(svc, "spec", "selector"));
            assertThat((List<Map<String, Object>>) at(svc, "spec", "ports")).singleElement()
                    .satisfies(p -> assertThat(p.get("port")).isEqualTo(configs.get(service).port()));

            Map<String, Object> pdb = named(overlay, "PodDisruptionBudget", service);
            assertThat(podLabels).as(service + " PDB selector").containsAllEntriesOf(at(pdb, "spec", "selector", "matchLabels"));

            Map<String, Object> hpa = named(overlay, "HorizontalPodAutoscaler", service);
            assertThat((String) at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(service);
            assertThat((Integer) at(hpa, "spec", "maxReplicas")).as(service + ": no more replicas than partitions").isLessThanOrEqualTo(partitions);

            Map<String, Object> policy = named(overlay, "NetworkPolicy", service);
            assertThat(podLabels).as(service + " NetworkPolicy selector").containsAllEntriesOf(at(policy, "spec", "podSelector", "matchLabels"));
            List<Map<String, Object>> ingress = at(policy, "spec", "ingress");
            assertThat(ingress).as(service + ": ingress only from named sources, on the http port").isNotEmpty().allSatisfy(rule -> {
                List<Map<String, Object>> from = (List<Map<String, Object>>) rule.get("from");
                assertThat(from).isNotEmpty();
                boolean monitoring = from.stream().anyMatch(f -> String.valueOf(f.get("namespaceSelector")).contains("numi.fr/monitoring"));
                // Prometheus reaches the actuator on the management port, and nothing else does
                assertThat((List<Map<String, Object>>) rule.get("ports")).extracting(p -> p.get("port"))
                        .containsOnly(monitoring ? "management" : "http");
            });
            assertThat(ingress).as(service + ": Prometheus may scrape it").anySatisfy(rule ->
                    assertThat(String.valueOf(rule.get("from"))).contains("numi.fr/monitoring"));
        }
    }

    @ParameterizedTest
    @MethodSource("overlayNames")
    void shouldSetOnlyVariablesTheServiceReadsAndTakeSecretsByReference(String overlay) {
        for (Map<String, Object> deployment : objects(overlay, "Deployment")) {
            String service = name(deployment);
            variables(overlay, deployment).forEach(variable -> assertThat(configs.get(service).reads(variable))
                    .as("%s: %s sets %s, which the service does not read (no ${%s} in its application.yml)", overlay, service, variable, variable)
                    .isTrue());
            List<Map<String, Object>> env = at(container(deployment), "env");
            assertThat(env == null ? List.<Map<String, Object>>of() : env)
                    .filteredOn(e -> ((String) e.get("name")).matches(".*(SECRET|TOKEN|JAAS).*"))
                    .allSatisfy(e -> assertThat((Object) at(e, "valueFrom", "secretKeyRef", "name")).as(service + " " + e.get("name")).isNotNull());
        }
        assertThat(objects(overlay, "Secret")).as(overlay + ": no secret values in the manifests").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlayNames")
    void shouldRunTheTopicJobWithTheSameScriptAsCompose(String overlay) throws IOException {
        Map<String, Object> job = named(overlay, "Job", "kafka-topics");
        String configMap = ((List<Map<String, Object>>) at(job, "spec", "template", "spec", "volumes")).stream()
                .map(v -> (String) at(v, "configMap", "name")).filter(Objects::nonNull).findFirst().orElseThrow();

        Map<String, Object> scripts = at(named(overlay, "ConfigMap", configMap), "data");
        assertThat(scripts.get("provision-topics.sh")).isEqualTo(Files.readString(ROOT.resolve(TopicsTest.SCRIPT)));
    }

    @Test
    void shouldPullOurImagesFromTheRegistryInProduction() {
        objects("production", "Deployment").forEach(d -> assertThat((String) at(container(d), "image"))
                .isEqualTo("registry.example.org/numi/" + name(d) + ":0.1.0"));
        objects("local", "Deployment").forEach(d -> assertThat((String) at(container(d), "image")).isEqualTo("numi/" + name(d) + ":0.1.0-SNAPSHOT"));
    }

    @Test
    void shouldScaleTheConsumerServicesOnTheirGroupsLagInTheVariant() {
        for (String service : ServiceConfig.CONSUMER_SERVICES) {
            List<Map<String, Object>> metrics = at(named("production-consumer-lag", "HorizontalPodAutoscaler", service), "spec", "metrics");
            assertThat(metrics).extracting(m -> m.get("type")).containsExactlyInAnyOrder("Resource", "External");
            Map<String, Object> external = metrics.stream().filter(m -> "External".equals(m.get("type"))).findFirst().orElseThrow();
            assertThat((String) at(external, "external", "metric", "name")).isEqualTo("numi_consumer_lag");
            assertThat((Map<String, Object>) at(external, "external", "metric", "selector", "matchLabels")).containsEntry("group", service);
        }
    }
}
