package org.nsegw.emulator.camera.scene;

/** What the camera sees on top of a truck's cargo body. */
public enum Load {
    /** Spoil under a tarp or dust net (green, blue or black); a small gap may show. */
    COVERED,
    /** A sealed body: a metal lid in the truck's colour. */
    CLOSED,
    /** Spoil open to the air: an earth heap, perhaps with a tarp pulled over part of it. */
    UNCOVERED
}
