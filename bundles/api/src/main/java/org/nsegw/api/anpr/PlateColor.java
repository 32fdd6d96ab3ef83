package org.nsegw.api.anpr;

/** Plate background colours of GA 36-2018. */
public enum PlateColor {
    /** Small cars. */
    BLUE,
    /** Large vehicles, trailers, coaches; trucks carry yellow plates front and rear. */
    YELLOW,
    /** New-energy small vehicles. */
    GREEN,
    /** New-energy large vehicles. */
    YELLOW_GREEN,
    /** Police. */
    WHITE,
    /** Foreign and Hong Kong / Macau vehicles. */
    BLACK,
    UNKNOWN
}
