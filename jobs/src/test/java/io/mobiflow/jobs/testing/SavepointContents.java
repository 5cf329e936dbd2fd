package io.mobiflow.jobs.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.OperatorBackendSerializationProxy;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.shaded.guava33.com.google.common.hash.Hashing;

/**
 * What a savepoint holds, read from its metadata as Flink reads it at restore: per operator (by
 * uid), the name of each state and the serializer snapshots it was written with.
 *
 * @param states per operator uid, per state name, its serializers
 */
public record SavepointContents(Map<String, Map<String, List<TypeSerializerSnapshot<?>>>> states) {

  /** Reads the savepoint in {@code directory}, naming the operators of {@code uids}. */
  public static SavepointContents read(Path directory, List<String> uids) throws IOException {
    Map<OperatorID, String> byId = new HashMap<>();
    for (String uid : uids) {
      byId.put(operatorId(uid), uid);
    }
    ClassLoader loader = SavepointContents.class.getClassLoader();
    CheckpointMetadata metadata;
    try (DataInputStream in =
        new DataInputStream(Files.newInputStream(directory.resolve("_metadata")))) {
      metadata = Checkpoints.loadCheckpointMetadata(in, loader, directory.toUri().toString());
    }
    Map<String, Map<String, List<TypeSerializerSnapshot<?>>>> states = new TreeMap<>();
    for (OperatorState operator : metadata.getOperatorStates()) {
      String uid = byId.getOrDefault(operator.getOperatorID(), operator.getOperatorID().toString());
      Map<String, List<TypeSerializerSnapshot<?>>> named = new TreeMap<>();
      for (OperatorSubtaskState subtask : operator.getStates()) {
        for (KeyedStateHandle keyed : subtask.getManagedKeyedState()) {
          KeyedBackendSerializationProxy<?> proxy = new KeyedBackendSerializationProxy<>(loader);
          try (InputStream in = ((StreamStateHandle) keyed).openInputStream()) {
            proxy.read(new DataInputViewStreamWrapper(in));
          }
          proxy.getStateMetaInfoSnapshots().forEach(s -> named.put(s.getName(), serializers(s)));
        }
        for (OperatorStateHandle handle : subtask.getManagedOperatorState()) {
          OperatorBackendSerializationProxy proxy = new OperatorBackendSerializationProxy(loader);
          try (InputStream in = handle.openInputStream()) {
            proxy.read(new DataInputViewStreamWrapper(in));
          }
          proxy
              .getOperatorStateMetaInfoSnapshots()
              .forEach(s -> named.put(s.getName(), serializers(s)));
          proxy
              .getBroadcastStateMetaInfoSnapshots()
              .forEach(s -> named.put(s.getName(), serializers(s)));
        }
      }
      if (!named.isEmpty()) {
        states.put(uid, named);
      }
    }
    return new SavepointContents(states);
  }

  /** The state names per operator uid. */
  public Map<String, List<String>> names() {
    Map<String, List<String>> names = new TreeMap<>();
    states.forEach((uid, named) -> names.put(uid, List.copyOf(named.keySet())));
    return names;
  }

  /** Where a Kryo serializer writes state: {@code uid/state}, with the type it writes. */
  public List<String> kryoSerialized() {
    List<String> found = new ArrayList<>();
    states.forEach(
        (uid, named) ->
            named.forEach(
                (name, snapshots) -> {
                  for (TypeSerializerSnapshot<?> snapshot : snapshots) {
                    kryo(snapshot.restoreSerializer(), uid + "/" + name, found);
                  }
                }));
    return found;
  }

  /**
   * The fields of the POJO whose serializer (among a state's) is a POJO serializer, by name, or
   * none.
   */
  public List<String> pojoFields(String uid, String state) {
    List<String> names = new ArrayList<>();
    for (TypeSerializerSnapshot<?> snapshot : states.get(uid).get(state)) {
      if (snapshot.restoreSerializer() instanceof PojoSerializer<?> pojo) {
        for (Field field : (Field[]) declared(pojo, "fields")) {
          names.add(field.getName());
        }
      }
    }
    return names;
  }

  /** The operator id Flink derives from a uid (StreamGraphHasherV2). */
  public static OperatorID operatorId(String uid) {
    return new OperatorID(
        Hashing.murmur3_128(0).newHasher().putString(uid, StandardCharsets.UTF_8).hash().asBytes());
  }

  private static List<TypeSerializerSnapshot<?>> serializers(StateMetaInfoSnapshot state) {
    return List.copyOf(state.getSerializerSnapshotsImmutable().values());
  }

  private static void kryo(TypeSerializer<?> serializer, String where, List<String> found) {
    if (serializer instanceof KryoSerializer<?> kryo) {
      found.add(where + ": " + kryo);
    } else if (serializer instanceof PojoSerializer<?> pojo) {
      for (TypeSerializer<?> field : pojoFields(pojo)) {
        if (field != null) {
          kryo(field, where, found);
        }
      }
    } else if (serializer.snapshotConfiguration()
        instanceof CompositeTypeSerializerSnapshot<?, ?> composite) {
      for (TypeSerializerSnapshot<?> nested : composite.getNestedSerializerSnapshots()) {
        kryo(nested.restoreSerializer(), where, found);
      }
    }
  }

  /** The serializers of a POJO's fields (not public in Flink). */
  private static TypeSerializer<?>[] pojoFields(PojoSerializer<?> pojo) {
    return (TypeSerializer<?>[]) declared(pojo, "fieldSerializers");
  }

  private static Object declared(PojoSerializer<?> pojo, String name) {
    try {
      Field field = PojoSerializer.class.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(pojo);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("PojoSerializer changed: no " + name, e);
    }
  }
}
