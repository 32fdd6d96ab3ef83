package org.nsegw.anpr.internal.isapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nsegw.anpr.internal.event.MalformedEvent;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One node of an ISAPI event document, read the same way whether the camera sent XML or JSON. XML elements are
 * matched by local name, whatever their namespace.
 */
abstract class DocNode {

    /** Where the node is, for messages: {@code EventNotificationAlert/ANPR/licensePlate}. */
    final String path;

    DocNode(String path) {
        this.path = path;
    }

    /** The child of that name, if there is one; two of the same name make the document ambiguous. */
    abstract Optional<DocNode> child(String name) throws MalformedEvent;

    /**
     * The entries of a list: in XML the {@code item} children of the {@code list} child; in JSON the {@code list}
     * member may be an array of entries, or an object whose {@code item} member is one entry or an array of them.
     */
    abstract List<DocNode> list(String list, String item) throws MalformedEvent;

    /** The text of a leaf, stripped; a node with children is not a value. */
    abstract String text() throws MalformedEvent;

    /** The text of a child, or empty if there is no such child. */
    String text(String name) throws MalformedEvent {
        Optional<DocNode> c = child(name);
        return c.isPresent() ? c.get().text() : "";
    }

    static DocNode of(Element element) {
        return new Xml(element, element.getLocalName());
    }

    static DocNode of(JsonNode node, String name) {
        return new Json(node, name);
    }

    private static final class Xml extends DocNode {
        private final Element element;

        Xml(Element element, String path) {
            super(path);
            this.element = element;
        }

        @Override
        Optional<DocNode> child(String name) throws MalformedEvent {
            List<Element> found = children(element, name);
            if (found.size() > 1) {
                throw new MalformedEvent(path + "/" + name + " appears " + found.size() + " times");
            }
            return found.stream().findFirst().map(e -> new Xml(e, path + "/" + name));
        }

        @Override
        List<DocNode> list(String list, String item) throws MalformedEvent {
            Optional<DocNode> l = child(list);
            List<DocNode> out = new ArrayList<>();
            if (l.isPresent()) {
                for (Element e : children(((Xml) l.get()).element, item)) {
                    out.add(new Xml(e, path + "/" + list + "/" + item + "[" + (out.size() + 1) + "]"));
                }
            }
            return out;
        }

        @Override
        String text() throws MalformedEvent {
            for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == Node.ELEMENT_NODE) {
                    throw new MalformedEvent(path + " has child elements where a value was expected");
                }
            }
            return element.getTextContent().strip();
        }

        private static List<Element> children(Element parent, String localName) {
            List<Element> out = new ArrayList<>();
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == Node.ELEMENT_NODE && localName.equals(n.getLocalName())) {
                    out.add((Element) n);
                }
            }
            return out;
        }
    }

    private static final class Json extends DocNode {
        private final JsonNode node;

        Json(JsonNode node, String path) {
            super(path);
            this.node = node;
        }

        @Override
        Optional<DocNode> child(String name) {
            JsonNode c = node.isObject() ? node.get(name) : null;
            return c == null || c.isNull() ? Optional.empty() : Optional.of(new Json(c, path + "/" + name));
        }

        @Override
        List<DocNode> list(String list, String item) throws MalformedEvent {
            JsonNode l = node.isObject() ? node.get(list) : null;
            List<DocNode> out = new ArrayList<>();
            if (l == null || l.isNull()) {
                return out;
            }
            JsonNode entries = l.isObject() ? l.get(item) : l;
            if (entries == null || entries.isNull()) {
                return out;
            }
            if (entries.isObject()) {
                out.add(new Json(entries, path + "/" + list + "/" + item));
            } else if (entries.isArray()) {
                for (JsonNode e : entries) {
                    if (!e.isObject()) {
                        throw new MalformedEvent(path + "/" + list + " holds a " + e.getNodeType() + " where an object was expected");
                    }
                    out.add(new Json(e, path + "/" + list + "[" + (out.size() + 1) + "]"));
                }
            } else {
                throw new MalformedEvent(path + "/" + list + " is neither a list nor an object");
            }
            return out;
        }

        @Override
        String text() throws MalformedEvent {
            if (node.isContainerNode()) {
                throw new MalformedEvent(path + " is an " + (node.isArray() ? "array" : "object") + " where a value was expected");
            }
            if (node.isNumber() && node.canConvertToExactIntegral()) {
                return node.bigIntegerValue().toString();
            }
            return node.asText().strip();
        }
    }
}
