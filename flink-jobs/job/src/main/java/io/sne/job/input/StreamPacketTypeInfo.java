package io.sne.job.input;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type of {@link StreamPacket}: serialised by {@link StreamPacketSerializer}, not as a POJO. */
public final class StreamPacketTypeInfo extends TypeInformation<StreamPacket> {
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
  public Class<StreamPacket> getTypeClass() {
    return StreamPacket.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<StreamPacket> createSerializer(SerializerConfig config) {
    return new StreamPacketSerializer();
  }

  @Override
  public String toString() {
    return "StreamPacket";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamPacketTypeInfo;
  }

  @Override
  public int hashCode() {
    return StreamPacketTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof StreamPacketTypeInfo;
  }

  /** Picked up through the {@code @TypeInfo} annotation on {@link StreamPacket}. */
  public static final class Factory extends TypeInfoFactory<StreamPacket> {
    @Override
    public TypeInformation<StreamPacket> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
      return new StreamPacketTypeInfo();
    }
  }
}
