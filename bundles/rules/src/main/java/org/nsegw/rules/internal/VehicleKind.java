package org.nsegw.rules.internal;

/** The two vehicle kinds of the Art. 3 table. */
public enum VehicleKind {
    /** A rigid goods vehicle (货车). */
    TRUCK("货车"),
    /** A tractor with a semi-trailer or trailer (汽车列车). */
    COMBINATION("汽车列车");

    private final String chinese;

    VehicleKind(String chinese) {
        this.chinese = chinese;
    }

    /** The name used in explanations. */
    public String chinese() {
        return chinese;
    }
}
