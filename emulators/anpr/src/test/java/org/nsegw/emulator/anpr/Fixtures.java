package org.nsegw.emulator.anpr;

import java.time.Instant;
import java.util.List;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.weigh.Axle;
import org.nsegw.emulator.anpr.image.PlateImages;
import org.nsegw.emulator.anpr.message.AnprEvent;
import org.nsegw.emulator.anpr.read.CameraRead;
import org.nsegw.emulator.anpr.read.CameraTiming;
import org.nsegw.emulator.anpr.read.Recognizer;
import org.nsegw.emulator.traffic.EmulatedVehicle;
import org.nsegw.emulator.traffic.VehicleClass;

/** Cameras, vehicles and events the tests share. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A 5-axle combination at 54 km/h in L1, first axle on the sensor at 2026-11-23T00:00:03Z (08:00:03 in China). */
    public static EmulatedVehicle combination() {
        return new EmulatedVehicle(7, VehicleClass.COMBINATION_5, "L1", Instant.parse("2026-11-23T00:00:03Z"), 54,
                List.of(new Axle(7000, 0), new Axle(9000, 3600), new Axle(9000, 7000), new Axle(9000, 1310), new Axle(9000, 1310)),
                "浙A3K725", "浙A1234挂");
    }

    public static EmulatedCamera camera(CameraProtocol protocol, CameraPosition position) {
        double distance = switch (position) {
            case FRONT -> -25;
            case REAR -> 18;
            case GATE -> 0;
        };
        return EmulatedCamera.of("anpr-L1-" + position.name().toLowerCase(), "L1", position, distance, protocol)
                .withAddress("192.168.10.11").withDeviceId("EMU0000000B");
    }

    /** The first read of a camera seeing {@link #combination()}, with faults, and its event with pictures. */
    public static AnprEvent event(EmulatedCamera camera, Faults faults) {
        CameraRead read = new Recognizer(camera, faults, 42).read(CameraTiming.sighting(camera, combination()));
        return AnprEvent.of(read, PlateImages.standard().render(read.sentPlate(), read.color(), camera.position(), "test", 1));
    }

    public static AnprEvent event(CameraProtocol protocol, CameraPosition position) {
        return event(camera(protocol, position), Faults.NONE);
    }
}
