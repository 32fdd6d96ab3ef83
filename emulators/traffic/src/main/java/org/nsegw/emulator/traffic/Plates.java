package org.nsegw.emulator.traffic;

import java.util.random.RandomGenerator;

/** Plates of GA 36-2018 for emulated trucks: yellow plates of Zhejiang cities, and trailer (挂) plates. */
public final class Plates {

    /** Letters that occur in plates: I and O never do. */
    static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final String SERIAL = LETTERS + "0123456789";
    /** Zhejiang's city codes: 杭州 A to 丽水 K, and L for 舟山. */
    static final String CITIES = "ABCDEFGHJKL";

    private Plates() {
    }

    /** A normal 7-character plate such as 浙A3K725. */
    public static String truck(RandomGenerator random) {
        StringBuilder b = new StringBuilder("浙").append(CITIES.charAt(random.nextInt(CITIES.length())));
        for (int i = 0; i < 5; i++) {
            b.append(SERIAL.charAt(random.nextInt(SERIAL.length())));
        }
        return b.toString();
    }

    /** A trailer plate such as 浙A1234挂: province, city, four serial characters, 挂. */
    public static String trailer(RandomGenerator random) {
        StringBuilder b = new StringBuilder("浙").append(CITIES.charAt(random.nextInt(CITIES.length())));
        for (int i = 0; i < 4; i++) {
            b.append(random.nextInt(10));
        }
        return b.append('挂').toString();
    }
}
