package org.nsegw.emulator.anpr.read;

import java.util.Locale;
import org.nsegw.api.anpr.PlateColor;

/** Plate colours of GA 36-2018 and the words cameras use for them. */
public final class PlateColors {

    private PlateColors() {
    }

    /**
     * The colour of a plate on a goods vehicle: yellow for trucks and trailers (front and rear), new-energy plates
     * (8 characters) yellow-green when large (D or F last), green when small.
     */
    public static PlateColor ofTruckPlate(String plate) {
        int length = plate.codePointCount(0, plate.length());
        if (length == 8) {
            char last = plate.charAt(plate.length() - 1);
            return last == 'D' || last == 'F' ? PlateColor.YELLOW_GREEN : PlateColor.GREEN;
        }
        return PlateColor.YELLOW;
    }

    /** The colour word Chinese firmware puts in front of the plate text, e.g. 黄 in {@code 黄浙A12345}. */
    public static String chinese(PlateColor color) {
        return switch (color) {
            case BLUE -> "蓝";
            case YELLOW -> "黄";
            case GREEN -> "绿";
            case YELLOW_GREEN -> "黄绿";
            case WHITE -> "白";
            case BLACK -> "黑";
            case UNKNOWN -> "";
        };
    }

    /** ISAPI {@code plateColor}: blue, yellow, white, black, green, yellowGreen or unknown. */
    public static String isapi(PlateColor color) {
        return color == PlateColor.YELLOW_GREEN ? "yellowGreen" : color.name().toLowerCase(Locale.ROOT);
    }

    /** Dahua {@code PlateColor}: Blue, Yellow, White, Black, Green, YellowGreen or Unknown. */
    public static String dahua(PlateColor color) {
        return switch (color) {
            case BLUE -> "Blue";
            case YELLOW -> "Yellow";
            case GREEN -> "Green";
            case YELLOW_GREEN -> "YellowGreen";
            case WHITE -> "White";
            case BLACK -> "Black";
            case UNKNOWN -> "Unknown";
        };
    }
}
