package org.nsegw.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetatypeXmlTest {

    private static final String NS = "http://www.osgi.org/xmlns/metatype/v1.4.0";

    /** A metatype document with the given OCDs and designates, in the form bnd writes. */
    private static String doc(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metatype:MetaData xmlns:metatype=\"" + NS + "\">\n"
                + body + "\n</metatype:MetaData>\n";
    }

    private static List<ConfigSchema> read(String xml) throws IOException {
        return MetatypeXml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
    }

    private static ConfigSchema readOne(String xml) throws IOException {
        List<ConfigSchema> schemas = read(xml);
        assertThat(schemas).hasSize(1);
        return schemas.get(0);
    }

    private static String single(String ads) {
        return doc("<OCD id=\"o\" name=\"O\" description=\"d\">" + ads + "</OCD>"
                + "<Designate pid=\"org.example.o\"><Object ocdref=\"o\"/></Designate>");
    }

    @Nested
    class RealDocuments {

        @Test
        void theWeighSensorIsAFactoryWithItsAttributesInOrder() throws IOException {
            ConfigSchema s;
            try (InputStream in = Fixtures.metatype("org.nsegw.weigh.sensor.xml")) {
                List<ConfigSchema> all = MetatypeXml.read(in, "weigh.xml");
                assertThat(all).hasSize(1);
                s = all.get(0);
            }
            assertThat(s.pid()).isEqualTo("org.nsegw.weigh.sensor");
            assertThat(s.factory()).isTrue();
            assertThat(s.name()).isEqualTo("Weigh sensor");
            assertThat(s.description()).startsWith("A weigh-in-motion controller");
            assertThat(s.properties().keySet()).startsWith("id", "profile", "model", "lane", "port", "protocol",
                    "serial.baud", "serial.dataBits", "serial.parity", "serial.stopBits", "serial.rs485",
                    "accuracyClass", "units", "timeoutSeconds")
                    .contains("static.stableMs", "modbus.unit", "record.vehicleFields")
                    .endsWith("verification.certificate", "verification.expires");

            PropertySchema baud = s.property("serial.baud").orElseThrow();
            assertThat(baud.type()).isEqualTo(ValueType.INTEGER);
            assertThat(baud.name()).isEqualTo("Baud rate");
            assertThat(baud.description()).isEqualTo("the serial line's speed in bit/s");
            assertThat(baud.cardinality()).isZero();
            assertThat(baud.isMultiValued()).isFalse();
            assertThat(baud.required()).as("required defaults to true").isTrue();
            assertThat(baud.defaults()).containsExactly("9600");
            assertThat(baud.minimum()).contains("300");
            assertThat(baud.maximum()).contains("921600");
            assertThat(baud.optionValues()).isEmpty();

            PropertySchema model = s.property("model").orElseThrow();
            assertThat(model.required()).isFalse();
            assertThat(model.defaults()).containsExactly("");
            assertThat(model.hasDefault()).isTrue();

            PropertySchema port = s.property("port").orElseThrow();
            assertThat(port.required()).isTrue();
            assertThat(port.hasDefault()).isFalse();
            assertThat(port.minimum()).isEmpty();
            assertThat(port.maximum()).isEmpty();
            assertThat(port.description()).isEqualTo("the port the sensor is connected to, e.g. /dev/ttyUSB0");

            assertThat(s.property("protocol").orElseThrow().optionValues()).containsExactly("toledo-continuous",
                    "xk3190", "sma-scp0499", "modbus-rtu", "wim-record", "wim-raw");
            assertThat(s.property("serial.rs485").orElseThrow().type()).isEqualTo(ValueType.BOOLEAN);
            assertThat(s.property("nope")).isEmpty();
        }

        @Test
        void theGatewayIsASingleton() throws IOException {
            try (InputStream in = Fixtures.metatype("org.nsegw.gateway.xml")) {
                ConfigSchema s = MetatypeXml.read(in, "gateway.xml").get(0);
                assertThat(s.pid()).isEqualTo("org.nsegw.gateway");
                assertThat(s.factory()).isFalse();
                assertThat(s.property("stationCode").orElseThrow().minimum()).contains("1");
                assertThat(s.property("location.latitude").orElseThrow().type()).isEqualTo(ValueType.DOUBLE);
                assertThat(s.property("location.latitude").orElseThrow().minimum()).contains("-90");
            }
        }

        @Test
        void multiValuedAttributesOfTheLogComponent() throws IOException {
            try (InputStream in = Fixtures.metatype("org.nsegw.log.xml")) {
                ConfigSchema s = MetatypeXml.read(in, "log.xml").get(0);
                PropertySchema levels = s.property("levels").orElseThrow();
                assertThat(levels.cardinality()).isEqualTo(Integer.MAX_VALUE);
                assertThat(levels.isMultiValued()).isTrue();
                assertThat(levels.required()).isFalse();
                assertThat(s.property("level").orElseThrow().optionValues()).containsExactly("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
            }
        }

        @Test
        void everyComponentOfTheGatewayIsDesignatedOnce() {
            Map<String, ConfigSchema> byPid = Fixtures.realSchemas();
            assertThat(Fixtures.realSchemaList()).hasSize(14);
            assertThat(byPid.keySet()).containsExactlyInAnyOrder("org.nsegw.gateway", "org.nsegw.fusion.lane",
                    "org.nsegw.weigh.sensor", "org.nsegw.anpr.camera", "org.nsegw.vision.camera",
                    "org.nsegw.rules.overweight", "org.nsegw.rules.cleanliness", "org.nsegw.uplink", "org.nsegw.log",
                    "org.nsegw.anpr.receiver", "org.nsegw.evidence", "org.nsegw.console", "org.nsegw.remote",
                    "org.nsegw.health");
            assertThat(byPid.values()).filteredOn(ConfigSchema::factory).extracting(ConfigSchema::pid)
                    .containsExactlyInAnyOrder("org.nsegw.fusion.lane", "org.nsegw.weigh.sensor", "org.nsegw.anpr.camera",
                            "org.nsegw.vision.camera");
            assertThat(byPid.keySet()).containsAll(SiteCompiler.DEVICE_PIDS.values())
                    .contains(SiteCompiler.GATEWAY_PID, SiteCompiler.LANE_PID, SiteCompiler.OVERWEIGHT_PID,
                            SiteCompiler.CLEANLINESS_PID, SiteCompiler.UPLINK_PID, SiteCompiler.LOG_PID);
        }
    }

    @Nested
    class Designates {

        @Test
        void factoryPidWinsOverPid() throws IOException {
            ConfigSchema s = readOne(doc("<OCD id=\"o\" name=\"O\"/>"
                    + "<Designate pid=\"ignored\" factoryPid=\"org.example.f\"><Object ocdref=\"o\"/></Designate>"));
            assertThat(s.pid()).isEqualTo("org.example.f");
            assertThat(s.factory()).isTrue();
            assertThat(s.properties()).isEmpty();
        }

        @Test
        void oneOcdMayBeDesignatedSeveralTimes() throws IOException {
            List<ConfigSchema> schemas = read(doc("<OCD id=\"o\" name=\"O\"><AD id=\"a\" type=\"String\"/></OCD>"
                    + "<Designate pid=\"one\"><Object ocdref=\"o\"/></Designate>"
                    + "<Designate factoryPid=\"two\"><Object ocdref=\"o\"/></Designate>"));
            assertThat(schemas).extracting(ConfigSchema::pid).containsExactly("one", "two");
            assertThat(schemas).extracting(ConfigSchema::factory).containsExactly(false, true);
            assertThat(schemas).allSatisfy(s -> assertThat(s.properties()).containsOnlyKeys("a"));
        }

        @Test
        void anOcdWithoutDesignateConfiguresNothing() throws IOException {
            assertThat(read(doc("<OCD id=\"o\" name=\"O\"/>"))).isEmpty();
        }

        @Test
        void aDesignateOfAMissingOcdIsRefused() {
            assertThatThrownBy(() -> read(doc("<OCD id=\"o\" name=\"O\"/>"
                    + "<Designate pid=\"org.example.p\"><Object ocdref=\"other\"/></Designate>")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("test.xml")
                    .hasMessageContaining("org.example.p")
                    .hasMessageContaining("missing OCD other");
        }

        @Test
        void namesAndDescriptionsAreOptional() throws IOException {
            ConfigSchema s = readOne(doc("<OCD id=\"o\"><AD id=\"a\" type=\"Long\"/></OCD>"
                    + "<Designate pid=\"p\"><Object ocdref=\"o\"/></Designate>"));
            assertThat(s.description()).isEmpty();
            PropertySchema a = s.property("a").orElseThrow();
            assertThat(a.description()).isEmpty();
            assertThat(a.type()).isEqualTo(ValueType.LONG);
        }

        @Test
        void olderNamespacesAreReadAlike() throws IOException {
            String xml = "<metatype:MetaData xmlns:metatype=\"http://www.osgi.org/xmlns/metatype/v1.0.0\">"
                    + "<OCD id=\"o\" name=\"O\"><AD id=\"a\" type=\"Integer\" default=\"3\"/></OCD>"
                    + "<Designate pid=\"p\"><Object ocdref=\"o\"/></Designate></metatype:MetaData>";
            assertThat(readOne(xml).property("a").orElseThrow().defaults()).containsExactly("3");
        }
    }

    @Nested
    class Attributes {

        @ParameterizedTest
        @CsvSource({"String,STRING", "Long,LONG", "Integer,INTEGER", "Short,SHORT", "Character,CHARACTER",
                "Byte,BYTE", "Double,DOUBLE", "Float,FLOAT", "Boolean,BOOLEAN", "Password,PASSWORD"})
        void everyMetatypeTypeIsKnown(String xmlName, ValueType type) throws IOException {
            assertThat(readOne(single("<AD id=\"a\" type=\"" + xmlName + "\"/>")).property("a").orElseThrow().type())
                    .isEqualTo(type);
        }

        @ParameterizedTest
        @ValueSource(strings = {"string", "Int", "BigDecimal", ""})
        void anUnknownTypeIsRefused(String type) {
            assertThatThrownBy(() -> read(single("<AD id=\"speed\" type=\"" + type + "\"/>")))
                    .isInstanceOf(IOException.class)
                    .hasMessage("test.xml: attribute speed has unknown type " + type);
        }

        @ParameterizedTest
        @CsvSource(nullValues = "-", value = {"-,true", "true,true", "false,false"})
        void requiredIsTrueUnlessFalse(String required, boolean expected) throws IOException {
            String attr = required == null ? "" : " required=\"" + required + "\"";
            assertThat(readOne(single("<AD id=\"a\" type=\"String\"" + attr + "/>")).property("a").orElseThrow().required())
                    .isEqualTo(expected);
        }

        @Test
        void optionsKeepTheirOrderAndValues() throws IOException {
            PropertySchema a = readOne(single("<AD id=\"a\" type=\"Integer\">"
                    + "<Option label=\"Slow\" value=\"1200\"/><Option label=\"\" value=\"9600\"/><Option value=\"300\"/></AD>"))
                    .property("a").orElseThrow();
            assertThat(a.optionValues()).containsExactly("1200", "9600", "300");
        }

        @Test
        void cardinalityIsReadAsWritten() throws IOException {
            ConfigSchema s = readOne(single("<AD id=\"one\" type=\"String\"/>"
                    + "<AD id=\"three\" type=\"String\" cardinality=\"3\"/>"
                    + "<AD id=\"vector\" type=\"String\" cardinality=\"-5\"/>"
                    + "<AD id=\"zero\" type=\"String\" cardinality=\"0\"/>"));
            assertThat(s.properties().values()).extracting(PropertySchema::cardinality).containsExactly(0, 3, -5, 0);
            assertThat(s.properties().values()).extracting(PropertySchema::isMultiValued).containsExactly(false, true, true, false);
        }

        @ParameterizedTest
        @ValueSource(strings = {"many", "1.5", "99999999999", ""})
        void aCardinalityThatIsNotANumberIsRefused(String cardinality) {
            assertThatThrownBy(() -> read(single("<AD id=\"a\" type=\"String\" cardinality=\"" + cardinality + "\"/>")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("test.xml")
                    .hasMessageContaining("attribute a")
                    .hasMessageContaining("cardinality");
        }

        @ParameterizedTest
        @CsvSource({"Integer,min,low", "Double,max,1.0.0", "String,max,ten", "Password,min,-", "Long,min,0x10"})
        void aBoundThatIsNotANumberIsRefused(String type, String bound, String value) {
            assertThatThrownBy(() -> read(single("<AD id=\"a\" type=\"" + type + "\" " + bound + "=\"" + value + "\"/>")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("test.xml")
                    .hasMessageContaining("attribute a")
                    .hasMessageContaining(bound);
        }

        @Test
        void boundsAreKeptAsWritten() throws IOException {
            PropertySchema a = readOne(single("<AD id=\"a\" type=\"Double\" min=\"-1\" max=\"2.5e1\"/>")).property("a").orElseThrow();
            assertThat(a.min()).isEqualTo("-1");
            assertThat(a.max()).isEqualTo("2.5e1");
        }
    }

    @Nested
    class Defaults {

        private List<String> defaultsOf(String cardinality, String xmlDefault) throws IOException {
            String card = cardinality == null ? "" : " cardinality=\"" + cardinality + "\"";
            return readOne(single("<AD id=\"a\" type=\"String\"" + card + " default=\"" + xmlDefault + "\"/>"))
                    .property("a").orElseThrow().defaults();
        }

        @Test
        void aSingleValueKeepsItsCommas() throws IOException {
            assertThat(defaultsOf(null, "a,b\\,c")).containsExactly("a,b\\,c");
        }

        @Test
        void multipleValuesAreSplitAtCommasAndStripped() throws IOException {
            assertThat(defaultsOf("5", "a, b ,c")).containsExactly("a", "b", "c");
        }

        @Test
        void escapedCommasStayInTheirValue() throws IOException {
            assertThat(defaultsOf("2147483647", "L1=30000\\,5,L2=1")).containsExactly("L1=30000,5", "L2=1");
        }

        @Test
        void aBackslashEscapesItselfAndATrailingBackslashIsKept() {
            assertThat(MetatypeXml.splitDefault("a\\\\,b\\", 2)).containsExactly("a\\", "b\\");
        }

        @Test
        void emptyItemsAreKept() {
            assertThat(MetatypeXml.splitDefault(",a,", -3)).containsExactly("", "a", "");
            assertThat(MetatypeXml.splitDefault("", 3)).containsExactly("");
        }

        @Test
        void noDefaultAttributeMeansNoDefault() throws IOException {
            PropertySchema a = readOne(single("<AD id=\"a\" type=\"String\" cardinality=\"3\"/>")).property("a").orElseThrow();
            assertThat(a.defaults()).isEmpty();
            assertThat(a.hasDefault()).isFalse();
        }
    }

    @Nested
    class Refused {

        @Test
        void aDocumentTypeDeclarationIsRefusedSoEntitiesCannotReadFiles(@TempDir Path dir) throws IOException {
            Path secret = dir.resolve("secret.txt");
            Files.writeString(secret, "s3cr3t-token");
            String xml = "<?xml version=\"1.0\"?>\n"
                    + "<!DOCTYPE MetaData [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
                    + "<metatype:MetaData xmlns:metatype=\"" + NS + "\">"
                    + "<OCD id=\"o\" name=\"&leak;\"/><Designate pid=\"p\"><Object ocdref=\"o\"/></Designate>"
                    + "</metatype:MetaData>";
            assertThatThrownBy(() -> read(xml))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("test.xml: not a metatype document: ")
                    .hasMessageContaining("DOCTYPE")
                    .hasMessageNotContaining("s3cr3t");
        }

        @Test
        void anInternalEntityExpansionIsRefusedToo() {
            String xml = "<!DOCTYPE m [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                    + "<m>&b;</m>";
            assertThatThrownBy(() -> read(xml)).isInstanceOf(IOException.class).hasMessageContaining("DOCTYPE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not xml", "<MetaData>", "<a></b>"})
        void textThatIsNotXmlIsRefused(String text) {
            assertThatThrownBy(() -> read(text))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("test.xml: not a metatype document: ");
        }

        @Test
        void otherXmlHasNoSchemas() throws IOException {
            assertThat(read("<project><OCD id=\"x\"/></project>")).isEmpty();
        }
    }

    @Nested
    class Jars {

        private void jar(Path file, Map<String, String> entries) throws IOException {
            try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
                for (Map.Entry<String, String> e : entries.entrySet()) {
                    jar.putNextEntry(new JarEntry(e.getKey()));
                    jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                    jar.closeEntry();
                }
            }
        }

        private String designating(String pid) {
            return doc("<OCD id=\"o\" name=\"O\"><AD id=\"a\" type=\"String\"/></OCD>"
                    + "<Designate pid=\"" + pid + "\"><Object ocdref=\"o\"/></Designate>");
        }

        @Test
        void readsEveryMetatypeDocumentInNameOrderAndNothingElse(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("bundle.jar");
            jar(file, Map.of(
                    "OSGI-INF/metatype/z.xml", designating("org.example.z"),
                    "OSGI-INF/metatype/a.xml", designating("org.example.a"),
                    "OSGI-INF/metatype/notes.txt", "not xml",
                    "OSGI-INF/metatype/l10n.properties", "x=y",
                    "OSGI-INF/component.xml", designating("org.example.component"),
                    "META-INF/metatype/m.xml", designating("org.example.elsewhere")));
            assertThat(MetatypeXml.readJar(file)).extracting(ConfigSchema::pid).containsExactly("org.example.a", "org.example.z");
        }

        @Test
        void aJarWithoutMetatypeHasNoSchemas(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("plain.jar");
            jar(file, Map.of("org/example/A.class", "x"));
            assertThat(MetatypeXml.readJar(file)).isEmpty();
        }

        @Test
        void aBrokenDocumentIsNamedByJarAndEntry(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("broken.jar");
            jar(file, Map.of("OSGI-INF/metatype/bad.xml", single("<AD id=\"a\" type=\"Decimal\"/>")));
            assertThatThrownBy(() -> MetatypeXml.readJar(file))
                    .isInstanceOf(IOException.class)
                    .hasMessage("broken.jar!/OSGI-INF/metatype/bad.xml: attribute a has unknown type Decimal");
        }

        @Test
        void aFileThatIsNotAJarIsAnIOException(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("text.jar");
            Files.writeString(file, "not a zip");
            assertThatThrownBy(() -> MetatypeXml.readJar(file)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> MetatypeXml.readJar(dir.resolve("missing.jar"))).isInstanceOf(IOException.class);
        }
    }
}
