package org.nsegw.anpr.internal.camera;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.nsegw.anpr.internal.event.CameraEvent;
import org.nsegw.anpr.internal.http.Credentials;
import org.nsegw.anpr.internal.receiver.CameraReceiver;
import org.nsegw.anpr.internal.store.MediaStore;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.device.DeviceStatus;
import org.nsegw.api.evidence.MediaRef;

/**
 * Where one camera's events end up, whichever way they arrive (pushed to the receiver or pulled from the camera's
 * stream): a duplicate is recognised; a new read is stored durably with its images, then passed on; the camera's
 * health follows. Thread-safe: pushes arrive on several threads.
 */
public final class ReadSink implements CameraReceiver.Camera {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CameraSettings settings;
    private final Optional<Credentials> credentials;
    private final MediaStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final CameraHealth health;
    private final Consumer<PlateRead> out;
    private final Consumer<DeviceStatus> statusOut;

    /**
     * @param zone      the site's time zone, for the day folder of a read without camera time
     * @param out       receives every new read, once it is durable
     * @param statusOut receives the camera's status whenever something happened
     */
    public ReadSink(CameraSettings settings, Optional<Credentials> credentials, MediaStore store, Clock clock, ZoneId zone,
            String setupHint, Consumer<PlateRead> out, Consumer<DeviceStatus> statusOut) {
        this.settings = settings;
        this.credentials = credentials;
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.health = new CameraHealth(settings, setupHint, clock.instant());
        this.out = out;
        this.statusOut = statusOut;
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public String vendor() {
        return settings.vendor();
    }

    @Override
    public Optional<Credentials> credentials() {
        return credentials;
    }

    @Override
    public Outcome accept(CameraEvent event) {
        Instant received = clock.instant();
        LocalDate day = event.cameraTime() != null ? event.cameraTime().toLocalDate() : received.atZone(zone).toLocalDate();
        if (store.has(settings.id(), day, event.eventId())) {
            duplicate(received);
            return Outcome.DUPLICATE;
        }
        PlateRead read = ReadMapper.map(event, settings, received, List.of());
        List<MediaRef> images;
        try {
            images = store.store(settings.id(), day, event.eventId(), event.pictures(), describe(read, event));
        } catch (FileAlreadyExistsException e) {
            duplicate(received);
            return Outcome.DUPLICATE;
        } catch (IOException | RuntimeException e) {
            synchronized (health) {
                health.storeFailed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), received);
                statusOut.accept(health.status());
            }
            return Outcome.FAILED;
        }
        PlateRead stored = new PlateRead(read.cameraId(), read.lane(), read.position(), read.time(), read.plate(),
                read.rawText(), read.kind(), read.color(), read.confidence(), read.eventId(), images, read.cameraTime(),
                read.received(), read.flags(), read.notes());
        synchronized (health) {
            health.read(stored, received);
            statusOut.accept(health.status());
        }
        out.accept(stored);
        return Outcome.STORED;
    }

    @Override
    public void heartbeat() {
        synchronized (health) {
            health.heartbeat(clock.instant());
            statusOut.accept(health.status());
        }
    }

    @Override
    public void refused(String reason, String detail) {
        synchronized (health) {
            health.refused(reason, detail, clock.instant());
            statusOut.accept(health.status());
        }
    }

    /** Called about once a second: a silent camera goes offline. */
    public Optional<String> tick() {
        synchronized (health) {
            Optional<String> alarm = health.tick(clock.instant());
            statusOut.accept(health.status());
            return alarm;
        }
    }

    public DeviceStatus status() {
        synchronized (health) {
            return health.status();
        }
    }

    private void duplicate(Instant now) {
        synchronized (health) {
            health.duplicate(now);
            statusOut.accept(health.status());
        }
    }

    /** The read as {@code read.json} next to its images: the gateway's view and the camera's words. */
    static String describe(PlateRead read, CameraEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("camera", read.cameraId());
        m.put("lane", read.lane());
        m.put("position", read.position().name().toLowerCase(java.util.Locale.ROOT));
        m.put("eventId", read.eventId());
        m.put("time", read.time().toString());
        m.put("cameraTime", event.cameraTime() == null ? null : event.cameraTime().toString());
        m.put("received", read.received().toString());
        m.put("plate", read.plate());
        m.put("rawText", read.rawText());
        m.put("kind", read.kind().name());
        m.put("color", read.color().name());
        m.put("cameraColor", event.plateColor());
        m.put("confidence", read.confidence());
        m.put("vehicleType", event.vehicleType());
        m.put("direction", event.direction());
        m.put("cameraLane", event.lane());
        m.put("device", event.device());
        m.put("channel", event.channel());
        m.put("flags", read.flags().stream().map(Enum::name).toList());
        m.put("notes", read.notes());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }
}
