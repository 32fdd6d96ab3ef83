package org.nsegw.fusion.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.nsegw.api.anpr.CameraPosition;
import org.nsegw.api.anpr.PlateKind;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.fusion.PassageFlag;

/**
 * The plate a vehicle's reads settle. Only reads that belong to this vehicle and to no other may settle it; when they
 * do not agree, nothing is settled. A 挂 plate is a trailer's: it goes to {@code trailerPlate}, never to
 * {@code plate}. A truck's front and rear plates are the same; a combination shows its tractor's plate at the front
 * and its trailer's at the rear, so a front plate and a 挂 rear plate agree.
 *
 * @param plate        the settled plate, empty when the reads do not settle it
 * @param trailerPlate the trailer's plate, empty when none was read or the reads disagree
 * @param flags        PLATES_DISAGREE, AMBIGUOUS_READ or NO_PLATE as the reads call for
 */
record Settlement(String plate, String trailerPlate, Set<PassageFlag> flags) {

    /**
     * @param exclusive the vehicle's own reads (readable or not)
     * @param ambiguous whether any read in its windows could belong to another vehicle (those never settle anything)
     */
    static Settlement settle(List<PlateRead> exclusive, boolean ambiguous) {
        Set<String> front = new TreeSet<>();
        Set<String> rear = new TreeSet<>();
        Set<String> trailer = new TreeSet<>();
        for (PlateRead r : exclusive) {
            if (!r.isReadable()) {
                continue;
            }
            if (r.kind() == PlateKind.TRAILER) {
                trailer.add(r.plate());
            } else if (r.position() == CameraPosition.REAR) {
                rear.add(r.plate());
            } else {
                front.add(r.plate());
            }
        }
        Set<PassageFlag> flags = EnumSet.noneOf(PassageFlag.class);
        if (ambiguous) {
            flags.add(PassageFlag.AMBIGUOUS_READ);
        }
        boolean disagree = front.size() > 1 || rear.size() > 1 || trailer.size() > 1
                || !front.isEmpty() && !rear.isEmpty() && !front.equals(rear)
                || !rear.isEmpty() && !trailer.isEmpty();
        if (disagree) {
            flags.add(PassageFlag.PLATES_DISAGREE);
            return new Settlement("", "", flags);
        }
        String plate = !front.isEmpty() ? front.iterator().next() : rear.isEmpty() ? "" : rear.iterator().next();
        String trailerPlate = trailer.isEmpty() ? "" : trailer.iterator().next();
        if (plate.isEmpty() && !ambiguous) {
            flags.add(PassageFlag.NO_PLATE);
        }
        return new Settlement(plate, trailerPlate, flags);
    }
}
