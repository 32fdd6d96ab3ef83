package org.nsegw.vision.internal.detect;

/** A rectangle in pixels of the analysed image: where a detector saw what it reports. */
public record Box(int x, int y, int width, int height) {

    public Box {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("a box has no negative size");
        }
    }

    public int area() {
        return width * height;
    }
}
