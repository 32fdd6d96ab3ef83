package org.nsegw.anpr.internal.plate;

import java.util.List;
import java.util.Objects;
import org.nsegw.api.anpr.PlateColor;
import org.nsegw.api.anpr.PlateKind;

/**
 * A camera's plate text after {@link PlateNormalizer}: a GA 36 plate, or unreadable with the reason.
 *
 * @param plate            the normalised plate, e.g. {@code 浙A12345}; empty when unreadable
 * @param kind             the GA 36 format, {@link PlateKind#UNREADABLE} when {@code plate} is empty
 * @param color            the plate colour, {@link PlateColor#UNKNOWN} when neither the plate nor the camera tells
 * @param rawText          the text exactly as the camera sent it
 * @param notes            what normalisation did and what it noticed, in order, for the evidence record
 * @param unreadableReason why the text is not a plate; empty when readable
 */
public record NormalizedPlate(
        String plate,
        PlateKind kind,
        PlateColor color,
        String rawText,
        List<String> notes,
        String unreadableReason) {

    public NormalizedPlate {
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(rawText, "rawText");
        Objects.requireNonNull(unreadableReason, "unreadableReason");
        notes = List.copyOf(notes);
        boolean unreadable = kind == PlateKind.UNREADABLE;
        if (plate.isEmpty() != unreadable || unreadableReason.isEmpty() == unreadable) {
            throw new IllegalArgumentException("plate '" + plate + "', kind " + kind + " and reason '"
                    + unreadableReason + "' do not agree");
        }
    }

    public boolean isReadable() {
        return kind != PlateKind.UNREADABLE;
    }
}
