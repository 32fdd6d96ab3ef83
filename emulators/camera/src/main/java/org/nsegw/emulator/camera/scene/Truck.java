package org.nsegw.emulator.camera.scene;

import java.util.Objects;

/**
 * The truck in a scene, as far as the truth goes; its look (colour, axles, how much mud, how the tarp lies) follows
 * from the scene's seed.
 *
 * @param plate  its plate, e.g. 浙A3K725 (not drawn legibly: the gate ANPR camera reads it)
 * @param muddy  mud on the wheels and lower body (a clean truck may still carry a few specks of dust)
 * @param load   what is on top of the cargo body
 */
public record Truck(String plate, boolean muddy, Load load) {

    public Truck {
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(load, "load");
    }

    /** Whether the load breaks the covering rule. */
    public boolean uncovered() {
        return load == Load.UNCOVERED;
    }
}
