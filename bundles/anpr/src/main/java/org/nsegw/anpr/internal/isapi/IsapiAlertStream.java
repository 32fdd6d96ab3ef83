package org.nsegw.anpr.internal.isapi;

import java.util.ArrayList;
import java.util.List;
import org.nsegw.anpr.internal.event.CameraText;
import org.nsegw.anpr.internal.event.Limits;
import org.nsegw.anpr.internal.event.MalformedEvent;
import org.nsegw.anpr.internal.stream.MultipartSplitter;
import org.nsegw.anpr.internal.stream.Pulled;
import org.nsegw.anpr.internal.stream.Refusal;
import org.nsegw.anpr.internal.stream.Split;

/**
 * The ISAPI alert stream ({@code GET /ISAPI/Event/notification/alertStream}): a long-lived {@code multipart/mixed}
 * response whose parts are event notifications (XML, or JSON on cameras set to it), each followed by the picture
 * parts it announces.
 *
 * <p>An XML or JSON part starts an event (by its Content-Type, or an untyped or {@code text/plain} part whose body
 * starts with {@code <} or <code>{</code>). An ANPR event that announces pictures ({@code pictureInfoList}, else
 * {@code picNum}) waits for the image parts that follow it; it is given as soon as the last one has come. Picture
 * parts are named by the {@code filename} (or {@code name}) of their Content-Disposition, else their Content-ID; an
 * unnamed picture part takes the next announced file name not yet come. An event still waiting when the next event
 * part comes, or when the stream closes, is {@link Refusal#INCOMPLETE}. Picture parts with no event waiting, and parts
 * of other types, are {@link Refusal#STRAY}.
 *
 * <p>Memory: the splitter's bound plus one waiting event, whose pictures are at most {@link Limits#MAX_PICTURES} parts
 * of at most {@link Limits#MAX_PICTURE_BYTES} each.
 *
 * <p>Pure: the caller reads the socket and feeds the bytes. One instance per connection.
 */
public final class IsapiAlertStream {

    private final MultipartSplitter splitter;
    private IsapiEvents.Notification waiting;
    private final List<IsapiPart> pictures = new ArrayList<>();

    /** @param boundary the boundary of the response's Content-Type ({@link MultipartSplitter#boundaryOf}) */
    public IsapiAlertStream(String boundary) {
        this.splitter = new MultipartSplitter(boundary, Limits.MAX_PICTURE_BYTES);
    }

    /** The bytes the splitter holds in memory; the waiting event's pictures come on top. */
    public int held() {
        return splitter.held();
    }

    public List<Pulled> feed(byte[] bytes, int offset, int count) {
        List<Pulled> out = new ArrayList<>();
        for (Split split : splitter.feed(bytes, offset, count)) {
            take(split, out);
        }
        return out;
    }

    public List<Pulled> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /** The connection ended: an event still waiting for pictures will not get them. */
    public List<Pulled> end() {
        List<Pulled> out = new ArrayList<>();
        giveUpWaiting("the stream ended", out);
        return out;
    }

    private void take(Split split, List<Pulled> out) {
        if (split instanceof Split.Rejected r) {
            out.add(new Pulled.Refused(r.reason(), r.detail(), r.rawLength()));
        } else if (split instanceof Split.Closed) {
            giveUpWaiting("the stream was closed", out);
        } else if (split instanceof Split.Part part) {
            take(part, out);
        }
    }

    private void take(Split.Part part, List<Pulled> out) {
        String type = part.mediaType();
        byte[] body = part.body();
        if (type.contains("xml") || type.contains("json")
                || (type.isEmpty() || type.equals("text/plain")) && startsLikeADocument(body)) {
            giveUpWaiting("the next event came", out);
            try {
                IsapiEvents.Notification n = IsapiEvents.read(body);
                if (n.isRead() && !n.hasAllPictures(List.of())) {
                    waiting = n;
                } else {
                    out.add(new Pulled.Message(n.withPictures(List.of())));
                }
            } catch (MalformedEvent e) {
                out.add(new Pulled.Refused(Refusal.BAD_EVENT, e.getMessage(), part.rawLength()));
            }
            return;
        }
        if (type.startsWith("image/") || type.equals("application/octet-stream")) {
            if (waiting == null) {
                out.add(new Pulled.Refused(Refusal.STRAY, "a picture part with no event waiting for it", part.rawLength()));
                return;
            }
            pictures.add(new IsapiPart(nameFor(part), part.header("content-type"), body));
            if (pictures.size() > Limits.MAX_PICTURES || waiting.hasAllPictures(pictures)) {
                IsapiEvents.Notification n = waiting;
                List<IsapiPart> parts = List.copyOf(pictures);
                waiting = null;
                pictures.clear();
                try {
                    out.add(new Pulled.Message(n.withPictures(parts)));
                } catch (MalformedEvent e) {
                    out.add(new Pulled.Refused(Refusal.BAD_EVENT, e.getMessage(), 0));
                }
            }
            return;
        }
        out.add(new Pulled.Refused(Refusal.STRAY, "a part of type " + CameraText.quoted(type) + " in an alert stream",
                part.rawLength()));
    }

    private String nameFor(Split.Part part) {
        String name = part.fileName();
        if (!name.isEmpty()) {
            return name;
        }
        for (String declared : waiting.declaredNames()) {
            if (pictures.stream().noneMatch(p -> p.name().equalsIgnoreCase(declared))) {
                return declared;
            }
        }
        return "";
    }

    private void giveUpWaiting(String why, List<Pulled> out) {
        if (waiting != null) {
            out.add(new Pulled.Refused(Refusal.INCOMPLETE, why + " before all pictures of the event waiting: "
                    + pictures.size() + " came", 0));
            waiting = null;
            pictures.clear();
        }
    }

    private static boolean startsLikeADocument(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\r' && b != '\n' && b != '\t') {
                return b == '<' || b == '{';
            }
        }
        return false;
    }
}
