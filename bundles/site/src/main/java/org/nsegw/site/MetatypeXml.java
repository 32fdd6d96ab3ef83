package org.nsegw.site;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the metatype documents ({@code OSGI-INF/metatype/*.xml}, OSGi Metatype 1.4) that bnd generates from the
 * components' {@code @ObjectClassDefinition} annotations. The Metatype service API does not expose an attribute's
 * minimum, maximum or whether it is required, and messages for installers need all three, so the documents are
 * read here directly.
 */
public final class MetatypeXml {

    private MetatypeXml() {
    }

    /**
     * The configurations a metatype document designates.
     *
     * @param in     the document
     * @param source where it came from, for error messages
     * @throws IOException if the document cannot be read or is not metatype XML
     */
    public static List<ConfigSchema> read(InputStream in, String source) throws IOException {
        Document doc;
        try {
            doc = parser().parse(in);
        } catch (SAXException e) {
            throw new IOException(source + ": not a metatype document: " + e.getMessage(), e);
        }
        Map<String, Element> ocds = new HashMap<>();
        for (Element ocd : children(doc.getDocumentElement(), "OCD")) {
            ocds.put(ocd.getAttribute("id"), ocd);
        }
        List<ConfigSchema> schemas = new ArrayList<>();
        for (Element designate : children(doc.getDocumentElement(), "Designate")) {
            String factoryPid = designate.getAttribute("factoryPid");
            String pid = factoryPid.isEmpty() ? designate.getAttribute("pid") : factoryPid;
            for (Element object : children(designate, "Object")) {
                Element ocd = ocds.get(object.getAttribute("ocdref"));
                if (ocd == null) {
                    throw new IOException(source + ": designate " + pid + " refers to a missing OCD "
                            + object.getAttribute("ocdref"));
                }
                schemas.add(ConfigSchema.of(pid, !factoryPid.isEmpty(), ocd.getAttribute("name"),
                        ocd.getAttribute("description"), properties(ocd, source)));
            }
        }
        return schemas;
    }

    /** The configurations designated by the metatype documents inside a bundle jar. */
    public static List<ConfigSchema> readJar(Path jar) throws IOException {
        List<ConfigSchema> schemas = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> entries = zip.stream()
                    .filter(e -> e.getName().startsWith("OSGI-INF/metatype/") && e.getName().endsWith(".xml"))
                    .sorted(Comparator.comparing(ZipEntry::getName))
                    .toList();
            for (ZipEntry e : entries) {
                try (InputStream in = zip.getInputStream(e)) {
                    schemas.addAll(read(in, jar.getFileName() + "!/" + e.getName()));
                }
            }
        }
        return schemas;
    }

    private static List<PropertySchema> properties(Element ocd, String source) throws IOException {
        List<PropertySchema> result = new ArrayList<>();
        for (Element ad : children(ocd, "AD")) {
            String id = ad.getAttribute("id");
            String typeName = ad.getAttribute("type");
            ValueType type = ValueType.ofXmlName(typeName)
                    .orElseThrow(() -> new IOException(source + ": attribute " + id + " has unknown type " + typeName));
            int cardinality;
            try {
                cardinality = ad.hasAttribute("cardinality") ? Integer.parseInt(ad.getAttribute("cardinality")) : 0;
            } catch (NumberFormatException e) {
                throw new IOException(source + ": attribute " + id + " has cardinality '" + ad.getAttribute("cardinality")
                        + "', not a whole number", e);
            }
            checkBound(source, id, type, "min", ad.getAttribute("min"));
            checkBound(source, id, type, "max", ad.getAttribute("max"));
            boolean required = !"false".equals(ad.getAttribute("required"));
            List<String> defaults = ad.hasAttribute("default") ? splitDefault(ad.getAttribute("default"), cardinality)
                    : List.of();
            List<String> options = new ArrayList<>();
            for (Element option : children(ad, "Option")) {
                options.add(option.getAttribute("value"));
            }
            result.add(new PropertySchema(id, ad.getAttribute("name"), ad.getAttribute("description"), type,
                    cardinality, required, defaults, ad.getAttribute("min"), ad.getAttribute("max"), options));
        }
        return result;
    }

    /** Bounds of numbers are numbers, and bounds of text are lengths: either way a number the checks can compare. */
    private static void checkBound(String source, String id, ValueType type, String which, String bound) throws IOException {
        boolean numeric = type.isWholeNumber() || type.isDecimal() || type == ValueType.STRING || type == ValueType.PASSWORD;
        if (!numeric || bound.isEmpty()) {
            return;
        }
        try {
            new BigDecimal(bound);
        } catch (NumberFormatException e) {
            throw new IOException(source + ": attribute " + id + " has " + which + " '" + bound + "', not a number", e);
        }
    }

    /** Metatype defaults of multi-valued attributes are comma separated, with {@code \,} for a literal comma. */
    static List<String> splitDefault(String text, int cardinality) {
        if (cardinality == 0) {
            return List.of(text);
        }
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
            } else if (c == ',') {
                values.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString().strip());
        return values;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }

    private static DocumentBuilder parser() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            // Errors become the IOException of read(); the default handler would also print them to stderr.
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser: " + e.getMessage(), e);
        }
    }
}
