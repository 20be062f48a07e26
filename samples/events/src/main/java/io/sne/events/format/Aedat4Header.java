package io.sne.events.format;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The AEDAT 4.0 IOHeader FlatBuffer (field 0 compression, 1 dataTablePosition, 2 infoNode) and the
 * streams its infoNode XML declares: {@code <node name="outInfo">} holds one child per stream,
 * named by stream id, with a typeIdentifier attr (EVTS, FRME, IMUS, TRIG) and an info node whose
 * sizeX/sizeY attrs give the sensor size.
 */
record Aedat4Header(Aedat4Compression compression, long dataTablePosition, Map<Integer, Stream> streams) {
  static final String MAGIC = "#!AER-DAT4.0\r\n";

  record Stream(int id, String type, int width, int height) {}

  /** Parses the header; throws IllegalArgumentException with what was expected. */
  static Aedat4Header parse(byte[] bytes) throws FlatBuffers.Malformed {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int table = FlatBuffers.deref(b, 0);
    int compressionField = FlatBuffers.field(b, table, 0);
    int code = compressionField < 0 ? 0 : FlatBuffers.u32(b, compressionField);
    Aedat4Compression compression = Aedat4Compression.fromCode(code);
    if (compression == null) {
      throw new FlatBuffers.Malformed("expected compression 0-4 (none, LZ4, LZ4 high, Zstd, Zstd high), found " + code);
    }
    int positionField = FlatBuffers.field(b, table, 1);
    long dataTablePosition = -1;
    if (positionField >= 0) {
      FlatBuffers.check(b, positionField, 8);
      dataTablePosition = b.getLong(positionField);
    }
    int infoField = FlatBuffers.field(b, table, 2);
    if (infoField < 0) {
      throw new FlatBuffers.Malformed("expected an infoNode describing the streams, found none");
    }
    return new Aedat4Header(compression, dataTablePosition, streams(FlatBuffers.string(b, infoField)));
  }

  private static Map<Integer, Stream> streams(String xml) throws FlatBuffers.Malformed {
    Map<Integer, Stream> streams = new LinkedHashMap<>();
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      for (Element outInfo : children(doc.getDocumentElement(), "node")) {
        if (!"outInfo".equals(outInfo.getAttribute("name"))) {
          continue;
        }
        for (Element stream : children(outInfo, "node")) {
          int id = Integer.parseInt(stream.getAttribute("name"));
          String type = attr(stream, "typeIdentifier");
          int width = 0;
          int height = 0;
          for (Element info : children(stream, "node")) {
            if ("info".equals(info.getAttribute("name"))) {
              String x = attr(info, "sizeX");
              String y = attr(info, "sizeY");
              width = x == null ? 0 : Integer.parseInt(x.trim());
              height = y == null ? 0 : Integer.parseInt(y.trim());
            }
          }
          streams.put(id, new Stream(id, type == null ? "?" : type.trim(), width, height));
        }
      }
    } catch (Exception e) {
      throw new FlatBuffers.Malformed("expected the infoNode XML of the streams: " + e.getMessage());
    }
    if (streams.isEmpty()) {
      throw new FlatBuffers.Malformed("expected at least one stream in the infoNode's outInfo node, found none");
    }
    return streams;
  }

  private static String attr(Element node, String key) {
    for (Element a : children(node, "attr")) {
      if (key.equals(a.getAttribute("key"))) {
        return a.getTextContent();
      }
    }
    return null;
  }

  private static java.util.List<Element> children(Element parent, String tag) {
    java.util.List<Element> list = new java.util.ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        list.add(e);
      }
    }
    return list;
  }

  /** The infoNode XML for one event stream, as DV writes it. */
  static String eventStreamXml(int width, int height, Aedat4Compression compression) {
    String path = "/mainloop/Recorder/outInfo/";
    return "<dv version=\"2.0\"><node name=\"outInfo\" path=\"" + path + "\">"
        + "<node name=\"0\" path=\"" + path + "0/\">"
        + "<attr key=\"compression\" type=\"string\">" + compression.name().replace("_HIGH", "") + "</attr>"
        + "<attr key=\"originalModuleName\" type=\"string\">sne</attr>"
        + "<attr key=\"originalOutputName\" type=\"string\">events</attr>"
        + "<attr key=\"typeDescription\" type=\"string\">Array of events (polarity ON/OFF).</attr>"
        + "<attr key=\"typeIdentifier\" type=\"string\">EVTS</attr>"
        + "<node name=\"info\" path=\"" + path + "0/info/\">"
        + "<attr key=\"sizeX\" type=\"int\">" + width + "</attr>"
        + "<attr key=\"sizeY\" type=\"int\">" + height + "</attr>"
        + "<attr key=\"source\" type=\"string\">SNE</attr>"
        + "</node></node></node></dv>";
  }
}
