package org.nsegw.site;

import java.util.Objects;

/**
 * A place in a configuration file, 1-based, as editors show it.
 *
 * @param file   the file as the user named it
 * @param line   the line, from 1; 0 when the problem concerns the whole file
 * @param column the column, from 1; 0 when unknown
 */
public record Location(String file, int line, int column) {

    public Location {
        Objects.requireNonNull(file, "file");
    }

    public static Location of(String file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
