package org.nsegw.anpr.internal.isapi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.anpr.internal.event.CameraMessage;
import org.nsegw.anpr.internal.event.CameraText;
import org.nsegw.anpr.internal.event.DerivedIds;
import org.nsegw.anpr.internal.event.Limits;
import org.nsegw.anpr.internal.event.MalformedEvent;
import org.nsegw.anpr.internal.event.Picture;
import org.nsegw.anpr.internal.stream.MultipartSplitter;
import org.nsegw.anpr.internal.stream.Split;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Hikvision ISAPI event notifications ({@code EventNotificationAlert}), in XML or JSON, with their pictures.
 *
 * <p>XML elements are matched by local name, so the namespaces cameras use ({@code http://www.hikvision.com/ver20/XMLSchema},
 * {@code http://www.isapi.org/ver20/XMLSchema}, and older or misspelt ones) all read the same. A DOCTYPE is refused
 * outright: no DTD is loaded, no entity is expanded, no external resource is ever opened, so an XXE payload is a
 * {@link MalformedEvent} and never a file read.
 *
 * <p>An {@code ANPR} event becomes a {@link CameraMessage.Read}; any other event type (the {@code heartBeat} of the
 * alert stream, the {@code videoloss}/{@code inactive} heartbeat of older firmware, motion...) and an {@code ANPR}
 * event whose {@code eventState} is {@code inactive} (an invalid event, by the ISAPI guide) become a
 * {@link CameraMessage.Alive}.
 *
 * <p>The event id is the message's {@code UUID}. A message without one gets an id derived from {@code ipAddress},
 * the channel, {@code dateTime} and {@code licensePlate} exactly as sent ({@link DerivedIds}): a camera that pushes
 * the same event again sends the same four values, so the receiver still sees the duplicate; two vehicles are only
 * confused if the same camera reads the same plate text in the same instant.
 *
 * <p>Pure: no sockets, files, clocks or logging.
 */
public final class IsapiEvents {

    private static final DocumentBuilderFactory XML = xmlFactory();

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(Limits.MAX_DOCUMENT_BYTES).maxNumberLength(64).build());
    }

    private IsapiEvents() {
    }

    /**
     * Reads one event notification.
     *
     * @param document the XML or JSON document (the {@code anpr.xml} part of a push, or an alert-stream part),
     *                 told apart by its first character
     * @param parts    the picture parts that came with it, in the order sent; matched to {@code pictureInfo}
     *                 entries by file name
     * @return the read, or a sign of life for non-ANPR events
     * @throws MalformedEvent saying exactly what is wrong: not XML or JSON, not well-formed, a DOCTYPE, the wrong
     *                        root, a missing or invalid field, a declared picture missing or not a JPEG, a limit exceeded
     */
    public static CameraMessage parse(byte[] document, List<IsapiPart> parts) throws MalformedEvent {
        return read(document).withPictures(parts);
    }

    /**
     * Reads a whole push request body: {@code multipart/form-data} with the event document (the part named
     * {@code anpr.xml}, else the first XML or JSON part) and its picture parts, or a bare XML or JSON document.
     *
     * @param contentType the request's Content-Type header
     * @param body        the request body
     * @throws MalformedEvent as {@link #parse}, and for a multipart body without a boundary or its close delimiter,
     *                        with bytes outside its parts, with a part over the limits, or without an event document
     */
    public static CameraMessage parseRequest(String contentType, byte[] body) throws MalformedEvent {
        if (!contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return parse(body, List.of());
        }
        String boundary = MultipartSplitter.boundaryIn(MultipartSplitter.boundaryOf(contentType)
                .orElseThrow(() -> new MalformedEvent("a multipart request without a boundary")), body, 4096);
        MultipartSplitter splitter = new MultipartSplitter(boundary, Limits.MAX_PICTURE_BYTES);
        List<Split.Part> parts = new ArrayList<>();
        boolean closed = false;
        for (Split split : splitter.feed(body)) {
            if (split instanceof Split.Rejected r) {
                throw new MalformedEvent("multipart body: " + r.detail());
            }
            if (split instanceof Split.Part part && !closed) {
                parts.add(part);
            }
            closed |= split instanceof Split.Closed;
        }
        if (!closed) {
            throw new MalformedEvent("the multipart body ends without its close delimiter: cut short?");
        }
        if (parts.size() > Limits.MAX_PICTURES + 1) {
            throw new MalformedEvent(parts.size() + " parts: more than an event and " + Limits.MAX_PICTURES + " pictures");
        }
        Split.Part document = parts.stream().filter(p -> p.fileName().equalsIgnoreCase("anpr.xml")).findFirst()
                .or(() -> parts.stream().filter(p -> p.mediaType().contains("xml") || p.mediaType().contains("json")).findFirst())
                .orElseThrow(() -> new MalformedEvent("a multipart request without an XML or JSON event part"));
        List<IsapiPart> pictures = new ArrayList<>();
        for (Split.Part p : parts) {
            if (p != document) {
                pictures.add(new IsapiPart(p.fileName(), p.header("content-type"), p.body()));
            }
        }
        return parse(document.body(), pictures);
    }

    /**
     * Reads a notification without its pictures: what the alert stream needs to know which picture parts to wait
     * for. Everything but the pictures is checked here.
     */
    static Notification read(byte[] document) throws MalformedEvent {
        if (document.length > Limits.MAX_DOCUMENT_BYTES) {
            throw new MalformedEvent("event document of " + document.length + " bytes, more than the "
                    + Limits.MAX_DOCUMENT_BYTES + " allowed");
        }
        int first = firstSignificant(document);
        if (first < 0) {
            throw new MalformedEvent("empty event document");
        }
        DocNode root = switch (document[first]) {
            case '<' -> xmlRoot(document, first);
            case '{' -> jsonRoot(document);
            default -> throw new MalformedEvent("event document is neither XML nor JSON: it starts with "
                    + shown(document[first]));
        };
        return interpret(root);
    }

    private static Notification interpret(DocNode alert) throws MalformedEvent {
        String device = alert.text("ipAddress");
        if (device.isEmpty()) {
            device = alert.text("ipv6Address");
        }
        String eventType = alert.text("eventType");
        if (eventType.isEmpty()) {
            throw new MalformedEvent("no eventType in " + alert.path);
        }
        String state = alert.text("eventState");
        if (!eventType.equalsIgnoreCase("ANPR") || state.equalsIgnoreCase("inactive")) {
            return new Notification(new CameraMessage.Alive(device, state.isEmpty() ? eventType : eventType + " " + state),
                    null, List.of(), 0);
        }

        int channel = channel(alert);
        String dateTimeText = alert.text("dateTime");
        if (dateTimeText.isEmpty()) {
            throw new MalformedEvent("no dateTime in an ANPR event");
        }
        OffsetDateTime cameraTime;
        try {
            cameraTime = OffsetDateTime.parse(dateTimeText);
        } catch (DateTimeParseException e) {
            throw new MalformedEvent("dateTime " + CameraText.quoted(dateTimeText) + " is not an ISO-8601 time with a UTC offset");
        }
        DocNode anpr = alert.child("ANPR").orElseThrow(() -> new MalformedEvent("an ANPR event without an ANPR element"));
        DocNode plate = anpr.child("licensePlate").orElseThrow(() -> new MalformedEvent("no licensePlate in " + anpr.path));
        String plateText = plate.text();
        int lane = number(anpr, "line", 0, 0, Integer.MAX_VALUE);
        int confidence = number(anpr, "confidenceLevel", -1, 0, 100);
        String uuid = alert.text("UUID");
        String eventId = uuid.isEmpty() ? DerivedIds.of("isapi", device, Integer.toString(channel), dateTimeText, plateText) : uuid;

        int picNum = number(alert, "picNum", 0, 0, Integer.MAX_VALUE);
        if (picNum > Limits.MAX_PICTURES) {
            throw new MalformedEvent("picNum " + picNum + ": more than " + Limits.MAX_PICTURES + " pictures");
        }
        List<DocNode> infos = anpr.list("pictureInfoList", "pictureInfo");
        if (infos.size() > Limits.MAX_PICTURES) {
            throw new MalformedEvent(infos.size() + " pictureInfo entries: more than " + Limits.MAX_PICTURES + " pictures");
        }
        List<Declared> declared = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (DocNode info : infos) {
            String fileName = info.text("fileName");
            if (fileName.isEmpty()) {
                throw new MalformedEvent(info.path + " has no fileName");
            }
            if (!names.add(fileName.toLowerCase(Locale.ROOT))) {
                throw new MalformedEvent("two pictureInfo entries name " + CameraText.quoted(fileName));
            }
            String type = info.text("type");
            declared.add(new Declared(fileName, roleOf(type.isEmpty() ? fileName : type)));
        }
        CameraEvent read = new CameraEvent(eventId, device, channel, cameraTime, plateText, anpr.text("plateColor"),
                confidence, anpr.text("vehicleType"), anpr.text("direction"), lane, List.of());
        return new Notification(null, read, declared, picNum);
    }

    private static int channel(DocNode alert) throws MalformedEvent {
        String name = alert.child("channelID").isPresent() ? "channelID" : "dynChannelID";
        return number(alert, name, 1, 0, Integer.MAX_VALUE);
    }

    /** A {@code pictureInfo} entry: the file name of its part and the role of its picture. */
    private record Declared(String fileName, String role) {
    }

    /** A notification read and checked, waiting for its pictures. */
    static final class Notification {
        private final CameraMessage.Alive alive;
        private final CameraEvent read;
        private final List<Declared> declared;
        private final int picNum;

        private Notification(CameraMessage.Alive alive, CameraEvent read, List<Declared> declared, int picNum) {
            this.alive = alive;
            this.read = read;
            this.declared = declared;
            this.picNum = picNum;
        }

        /** Whether it is a plate read; only reads have pictures. */
        boolean isRead() {
            return read != null;
        }

        /** The file names of its pictureInfo entries, in order. */
        List<String> declaredNames() {
            return declared.stream().map(Declared::fileName).toList();
        }

        /** Whether these parts are all the pictures it announces (by pictureInfo, else by picNum). */
        boolean hasAllPictures(List<IsapiPart> parts) {
            if (declared.isEmpty()) {
                return parts.size() >= picNum;
            }
            return declared.stream().allMatch(d -> partNamed(parts, d.fileName()).isPresent());
        }

        /**
         * The message with its pictures. With a {@code pictureInfoList}, each entry must have its part, matched by
         * file name (exactly, else ignoring case), and parts it does not name are left out. Without one, every part
         * is a picture, and {@code picNum}, if given, must not promise more than were sent.
         */
        CameraMessage withPictures(List<IsapiPart> parts) throws MalformedEvent {
            if (alive != null) {
                return alive;
            }
            List<Picture> pictures = new ArrayList<>();
            if (declared.isEmpty()) {
                if (parts.size() > Limits.MAX_PICTURES) {
                    throw new MalformedEvent(parts.size() + " picture parts: more than " + Limits.MAX_PICTURES);
                }
                if (picNum > parts.size()) {
                    throw new MalformedEvent("picNum is " + picNum + " but " + parts.size() + " picture parts came");
                }
                for (IsapiPart part : parts) {
                    pictures.add(picture(part, part.name(), roleOf(part.name())));
                }
            } else {
                for (Declared d : declared) {
                    IsapiPart part = partNamed(parts, d.fileName()).orElseThrow(() -> new MalformedEvent(
                            "pictureInfo " + CameraText.quoted(d.fileName()) + " is declared but no part of that name came"));
                    pictures.add(picture(part, d.fileName(), d.role()));
                }
            }
            return new CameraMessage.Read(new CameraEvent(read.eventId(), read.device(), read.channel(),
                    read.cameraTime(), read.plateText(), read.plateColor(), read.confidence(), read.vehicleType(),
                    read.direction(), read.lane(), pictures));
        }
    }

    private static Optional<IsapiPart> partNamed(List<IsapiPart> parts, String fileName) {
        Optional<IsapiPart> exact = parts.stream().filter(p -> p.name().equals(fileName)).findFirst();
        return exact.isPresent() ? exact : parts.stream().filter(p -> p.name().equalsIgnoreCase(fileName)).findFirst();
    }

    /** {@code licensePlatePicture} (or any type naming a plate) shows the plate; the rest show the vehicle. */
    static String roleOf(String type) {
        return type.toLowerCase(Locale.ROOT).contains("plate") ? "plate" : "scene";
    }

    private static Picture picture(IsapiPart part, String name, String role) throws MalformedEvent {
        String what = "picture " + CameraText.quoted(name.isEmpty() ? "(unnamed)" : name);
        if (part.bytes().length > Limits.MAX_PICTURE_BYTES) {
            throw new MalformedEvent(what + " has " + part.bytes().length + " bytes, more than the "
                    + Limits.MAX_PICTURE_BYTES + " allowed");
        }
        String type = part.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !List.of("image/jpeg", "image/jpg", "image/pjpeg", "application/octet-stream").contains(type)) {
            throw new MalformedEvent(what + " is " + CameraText.quoted(type) + ", not a JPEG");
        }
        Picture p = new Picture(name, role, part.bytes());
        if (!p.looksLikeJpeg()) {
            throw new MalformedEvent(what + " is not a JPEG (no FF D8 at the start or no FF D9 at the end)");
        }
        return p;
    }

    /** A whole number from a child's text: {@code absent} if there is no such child or it is empty. */
    private static int number(DocNode node, String name, int absent, int min, int max) throws MalformedEvent {
        return CameraText.wholeNumber(node.text(name), name, absent, min, max);
    }

    private static DocNode xmlRoot(byte[] document, int start) throws MalformedEvent {
        Document doc;
        try {
            DocumentBuilder builder;
            synchronized (XML) {
                builder = XML.newDocumentBuilder();
            }
            builder.setErrorHandler(THROWING);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            // From the first '<': some firmware puts a line break before the XML declaration.
            doc = builder.parse(new InputSource(new ByteArrayInputStream(document, start, document.length - start)));
        } catch (SAXParseException e) {
            throw new MalformedEvent(xmlProblem(e) + " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")");
        } catch (SAXException | IOException e) {
            throw new MalformedEvent("not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
        Element root = doc.getDocumentElement();
        if (!"EventNotificationAlert".equals(root.getLocalName())) {
            throw new MalformedEvent("root element is " + CameraText.quoted(root.getLocalName()) + ", not EventNotificationAlert");
        }
        return DocNode.of(root);
    }

    private static String xmlProblem(SAXParseException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("DOCTYPE")) {
            return "a DOCTYPE is not allowed in an event (no DTDs, no entities)";
        }
        return "not well-formed XML: " + m;
    }

    private static DocNode jsonRoot(byte[] document) throws MalformedEvent {
        JsonNode tree;
        try {
            tree = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new MalformedEvent("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEvent("not valid JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedEvent("the JSON event is not an object");
        }
        JsonNode wrapped = tree.get("EventNotificationAlert");
        if (wrapped != null && wrapped.isObject()) {
            return DocNode.of(wrapped, "EventNotificationAlert");
        }
        if (!tree.has("eventType")) {
            throw new MalformedEvent("the JSON object is not an EventNotificationAlert: no eventType");
        }
        return DocNode.of(tree, "EventNotificationAlert");
    }

    private static DocumentBuilderFactory xmlFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
        try {
            // Defence in depth only: nothing here walks the tree recursively.
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", "64");
        } catch (IllegalArgumentException e) {
            // a parser without the limit still refuses DTDs, which is what matters
        }
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }

    /** Errors end the parse with their message; nothing is printed. */
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static int firstSignificant(byte[] b) {
        int i = 0;
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        for (; i < b.length; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String shown(byte b) {
        return b >= 0x20 && b < 0x7F ? "'" + (char) b + "'" : String.format("0x%02X", b & 0xFF);
    }

}
