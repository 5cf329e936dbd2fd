package io.mobiflow.k8s;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * Parses every object of a render with the model class its operator (or Kubernetes) reads it with:
 * the Flink Kubernetes Operator's {@link FlinkDeployment}, Strimzi's {@link KafkaTopic}, fabric8's
 * models of the built-in kinds. Unknown fields fail: the models' "any setters" (which would keep
 * them as additional properties) and their {@code ignoreUnknown} are switched off, so a misspelt
 * field is a problem, as the API server's structural schema would refuse it.
 */
final class Models {

  /** The model class of each {@code apiVersion kind} that {@code k8s/} may hold. */
  static final Map<String, Class<?>> CLASSES =
      Map.ofEntries(
          Map.entry("flink.apache.org/v1beta1 FlinkDeployment", FlinkDeployment.class),
          Map.entry("kafka.strimzi.io/v1beta2 KafkaTopic", KafkaTopic.class),
          Map.entry("apps/v1 Deployment", Deployment.class),
          Map.entry("v1 Service", Service.class),
          Map.entry("v1 ConfigMap", ConfigMap.class),
          Map.entry("v1 Pod", Pod.class),
          Map.entry("v1 Secret", Secret.class),
          Map.entry("v1 ServiceAccount", ServiceAccount.class),
          Map.entry("v1 PersistentVolumeClaim", PersistentVolumeClaim.class),
          Map.entry("policy/v1 PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class),
          Map.entry("rbac.authorization.k8s.io/v1 Role", Role.class),
          Map.entry("rbac.authorization.k8s.io/v1 RoleBinding", RoleBinding.class));

  /** A mapper that fails on unknown fields, including those a model would keep aside. */
  static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .annotationIntrospector(
              new JacksonAnnotationIntrospector() {
                private static final long serialVersionUID = 1L;

                @Override
                public Boolean hasAnySetter(Annotated a) {
                  return Boolean.FALSE;
                }

                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(
                    MapperConfig<?> config, Annotated a) {
                  return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
                }
              })
          .build();

  private Models() {}

  /** Each object's problem with its model: no model for its kind, or a field the model refuses. */
  static List<Problem> check(Layout layout, List<Manifest> objects) {
    List<Problem> problems = new ArrayList<>();
    for (Manifest m : objects) {
      Class<?> model = CLASSES.get(m.apiVersion() + " " + m.kind());
      if (model == null) {
        problems.add(
            layout.problem(
                m, "apiVersion", "no model for " + m.apiVersion() + " " + m.kind() + " is known"));
        continue;
      }
      try {
        STRICT.treeToValue(asTheModelReadsIt(m), model);
      } catch (JsonMappingException e) {
        problems.add(layout.problem(m, path(e), e.getOriginalMessage().split("\n")[0]));
      } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
        problems.add(layout.problem(m, "", e.getMessage().split("\n")[0]));
      }
    }
    return problems;
  }

  /** The model instance of an object that {@link #check} accepted. */
  static <T> T read(Manifest m, Class<T> model) {
    return STRICT.convertValue(asTheModelReadsIt(m), model);
  }

  /**
   * The object as the 1.10.0 model can read it. A FlinkDeployment loses {@code spec.flinkVersion}:
   * the model (the only one here) knows v1_13 to v1_20, the image is Flink 2.2 and the manifests
   * say {@code v2_2}, which operators from 1.13 know; {@link FlinkDeploymentCheck} checks that
   * field on its own. Its pod templates lose {@code apiVersion: v1} and {@code kind: Pod}: the
   * CRD's schema of a pod template is a Pod's ({@code @SchemaFrom(type = Pod.class)}), which has
   * both, while the model's field is a {@code PodTemplateSpec}, which has neither.
   */
  private static JsonNode asTheModelReadsIt(Manifest m) {
    if (!m.kind().equals("FlinkDeployment") || !m.body().path("spec").isObject()) {
      return m.body();
    }
    ObjectNode copy = m.body().deepCopy();
    ObjectNode spec = (ObjectNode) copy.get("spec");
    spec.remove("flinkVersion");
    for (JsonNode template :
        List.of(
            spec.path("podTemplate"),
            spec.path("jobManager").path("podTemplate"),
            spec.path("taskManager").path("podTemplate"))) {
      if (template instanceof ObjectNode pod
          && pod.path("apiVersion").asText().equals("v1")
          && pod.path("kind").asText().equals("Pod")) {
        pod.remove(List.of("apiVersion", "kind"));
      }
    }
    return copy;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
