package io.sne.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFloatMatrixTest {
  @TempDir Path dir;

  @Test
  void readsAFloat32MatrixInCOrder() throws Exception {
    float[] v = {1.5f, -2f, 3.25f, 0f, Float.MIN_VALUE, -7e30f};
    NpyFloatMatrix m = NpyFloatMatrix.read(NpyFiles.writeFloat32(dir.resolve("a.npy"), 2, 3, v));
    assertThat(m.rows()).isEqualTo(2);
    assertThat(m.cols()).isEqualTo(3);
    assertThat(m.values()).containsExactly(v);
    assertThat(m.get(1, 0)).isEqualTo(0f);
  }

  @Test
  void readsFormatVersion2WithItsFourByteHeaderLength() throws Exception {
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }";
    String header = dict + " ".repeat(64 - (12 + dict.length() + 1) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(12 + header.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(header.length()).put(header.getBytes()).putFloat(4f).putFloat(5f);
    Path f = Files.write(dir.resolve("v2.npy"), b.array());
    assertThat(NpyFloatMatrix.read(f).values()).containsExactly(4f, 5f);
  }

  @Test
  void rejectsOtherDtypesNamingTheFileAndTheFix() throws Exception {
    Path f = NpyFiles.write(dir.resolve("f8.npy"), "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }", new float[] {1, 2});
    assertThatThrownBy(() -> NpyFloatMatrix.read(f)).isInstanceOf(IOException.class)
        .hasMessageContaining("f8.npy").hasMessageContaining("'<f8'").hasMessageContaining("astype(numpy.float32)");
    Path be = NpyFiles.write(dir.resolve("be.npy"), "{'descr': '>f4', 'fortran_order': False, 'shape': (1, 1), }", new float[] {1});
    assertThatThrownBy(() -> NpyFloatMatrix.read(be)).hasMessageContaining("'>f4'").hasMessageContaining("little-endian");
  }

  @Test
  void rejectsFortranOrderAndNonMatrixShapes() throws Exception {
    Path f = NpyFiles.write(dir.resolve("f.npy"), "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 1), }", new float[] {1, 2});
    assertThatThrownBy(() -> NpyFloatMatrix.read(f)).hasMessageContaining("f.npy").hasMessageContaining("fortran_order");
    Path v = NpyFiles.write(dir.resolve("vec.npy"), "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", new float[] {1, 2, 3});
    assertThatThrownBy(() -> NpyFloatMatrix.read(v)).hasMessageContaining("vec.npy").hasMessageContaining("1 dimensions, expected 2");
  }

  @Test
  void rejectsTruncatedOrOverlongDataAndForeignFiles() throws Exception {
    Path shortFile = NpyFiles.write(dir.resolve("short.npy"), "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", new float[] {1, 2, 3});
    assertThatThrownBy(() -> NpyFloatMatrix.read(shortFile)).hasMessageContaining("short.npy").hasMessageContaining("truncated");
    Path longFile = NpyFiles.write(dir.resolve("long.npy"), "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", new float[] {1, 2, 3});
    assertThatThrownBy(() -> NpyFloatMatrix.read(longFile)).hasMessageContaining("trailing bytes");
    Path text = Files.writeString(dir.resolve("x.npy"), "1.0,2.0\n3.0,4.0\n");
    assertThatThrownBy(() -> NpyFloatMatrix.read(text)).hasMessageContaining("x.npy").hasMessageContaining("not a .npy file");
    Path tiny = Files.write(dir.resolve("t.npy"), new byte[] {(byte) 0x93, 'N'});
    assertThatThrownBy(() -> NpyFloatMatrix.read(tiny)).hasMessageContaining("t.npy").hasMessageContaining("truncated");
  }
}
