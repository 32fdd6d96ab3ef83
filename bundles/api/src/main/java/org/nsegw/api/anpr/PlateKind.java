package org.nsegw.api.anpr;

/** The plate formats of GA 36-2018 the gateway tells apart. */
public enum PlateKind {
    /** 7 characters: province, letter, five serial characters. */
    NORMAL,
    /** 8 characters, small new-energy vehicle: D (electric) or F (other) third. */
    NEW_ENERGY_SMALL,
    /** 8 characters, large new-energy vehicle: D or F last. */
    NEW_ENERGY_LARGE,
    /** Ends in 挂. */
    TRAILER,
    /** Ends in 学. */
    COACH,
    /** Ends in 警. */
    POLICE,
    /** Ends in 港 or 澳. */
    HK_MACAU,
    /** Missing or not a valid plate: kept, never guessed. */
    UNREADABLE
}
