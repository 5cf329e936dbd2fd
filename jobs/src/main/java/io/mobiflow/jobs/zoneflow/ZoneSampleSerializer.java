package io.mobiflow.jobs.zoneflow;

import io.mobiflow.jobs.zoneflow.indicators.Indicators;
import io.mobiflow.jobs.zoneflow.indicators.Observation;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The serializer of {@link ZoneSample}, the record every observation becomes before the key-by: the
 * unit's name, the id, the observation's id, the time and the values of the measures the
 * observation carries (in its declaration's order), written field by field. Names, not ordinals: a
 * sample means the same to both ends whatever the order of the declarations. The sample is
 * immutable, so a copy is the sample itself.
 */
public final class ZoneSampleSerializer extends TypeSerializerSingleton<ZoneSample> {

  static final ZoneSampleSerializer INSTANCE = new ZoneSampleSerializer();

  private static final long serialVersionUID = 1L;

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public ZoneSample createInstance() {
    return null;
  }

  @Override
  public ZoneSample copy(ZoneSample from) {
    return from;
  }

  @Override
  public ZoneSample copy(ZoneSample from, ZoneSample reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(ZoneSample sample, DataOutputView out) throws IOException {
    out.writeUTF(sample.unit().name());
    out.writeUTF(sample.unitId());
    out.writeUTF(sample.observation().id());
    out.writeLong(sample.observedAt().getEpochSecond());
    out.writeInt(sample.observedAt().getNano());
    int measures = sample.observation().measures().size();
    for (int i = 0; i < measures; i++) {
      out.writeDouble(sample.valueAt(i));
    }
  }

  @Override
  public ZoneSample deserialize(DataInputView in) throws IOException {
    SpatialUnit unit = SpatialUnit.valueOf(in.readUTF());
    String unitId = in.readUTF();
    Observation observation = Indicators.observation(in.readUTF());
    Instant observedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
    double[] values = new double[observation.measures().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readDouble();
    }
    return new ZoneSample(unit, unitId, observation, observedAt, values);
  }

  @Override
  public ZoneSample deserialize(ZoneSample reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<ZoneSample> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the serializer from savepoints. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ZoneSample> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes Flink use this serializer wherever a {@link ZoneSample} travels. */
  public static final class Factory extends TypeInfoFactory<ZoneSample> {
    @Override
    public TypeInformation<ZoneSample> createTypeInfo(
        java.lang.reflect.Type type, Map<String, TypeInformation<?>> genericParameters) {
      return new Info();
    }
  }

  /** The type information of {@link ZoneSample}: an atomic type with this serializer. */
  public static final class Info extends TypeInformation<ZoneSample> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
      return false;
    }

    @Override
    public boolean isTupleType() {
      return false;
    }

    @Override
    public int getArity() {
      return 1;
    }

    @Override
    public int getTotalFields() {
      return 1;
    }

    @Override
    public Class<ZoneSample> getTypeClass() {
      return ZoneSample.class;
    }

    @Override
    public boolean isKeyType() {
      return false;
    }

    @Override
    public TypeSerializer<ZoneSample> createSerializer(SerializerConfig config) {
      return INSTANCE;
    }

    @Override
    public String toString() {
      return "ZoneSample";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Info;
    }

    @Override
    public int hashCode() {
      return Info.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
      return other instanceof Info;
    }
  }
}
