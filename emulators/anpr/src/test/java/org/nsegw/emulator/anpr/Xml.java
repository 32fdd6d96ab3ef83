package org.nsegw.emulator.anpr;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JDK's XML parser, namespace-aware, with DTDs and external entities off, as a gateway should parse alerts. */
public final class Xml {

    private Xml() {
    }

    public static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(new ByteArrayInputStream(xml));
    }

    /** The text of the first element of that local name under {@code parent}, in the root's namespace. */
    public static String text(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS(parent.getOwnerDocument().getDocumentElement().getNamespaceURI(), localName);
        if (nodes.getLength() == 0) {
            throw new AssertionError("no <" + localName + "> in <" + parent.getLocalName() + ">");
        }
        return nodes.item(0).getTextContent();
    }

    public static Element child(Element parent, String localName, int index) {
        NodeList nodes = parent.getElementsByTagNameNS(parent.getOwnerDocument().getDocumentElement().getNamespaceURI(), localName);
        return (Element) nodes.item(index);
    }
}
