package org.nsegw.api.weigh;

/**
 * Adjacent axles that act as one group. A tandem counts as 2 axles, a tridem as 3.
 *
 * @param firstAxle the index of the group's first axle, from 0 at the front
 * @param axles     how many axles the group has (1 single, 2 tandem, 3 tridem)
 */
public record AxleGroup(int firstAxle, int axles) {

    public AxleGroup {
        if (firstAxle < 0) {
            throw new IllegalArgumentException("negative axle index " + firstAxle);
        }
        if (axles < 1) {
            throw new IllegalArgumentException("an axle group has at least one axle, not " + axles);
        }
    }

    public int lastAxle() {
        return firstAxle + axles - 1;
    }
}
