package org.nsegw.emulator.camera.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A range of conditions to draw scenes from, as written on the command line:
 * {@code light=day|dusk|night,rain=0.3,shadows=0.5,noise=0.005-0.03,quality=70-95}. Lights are drawn evenly from those
 * listed, rain and shadows with the given chance, noise and quality evenly from their ranges. Keys left out keep
 * their defaults, which are the values shown.
 */
public record ConditionMix(List<Light> lights, double rain, double shadows, double noiseMin, double noiseMax, int qualityMin,
        int qualityMax) {

    public static final ConditionMix DEFAULT = new ConditionMix(List.of(Light.DAY, Light.DUSK, Light.NIGHT), 0.3, 0.5, 0.005, 0.03, 70, 95);

    public ConditionMix {
        lights = List.copyOf(lights);
        if (lights.isEmpty()) {
            throw new IllegalArgumentException("at least one light is needed");
        }
        if (!(rain >= 0 && rain <= 1 && shadows >= 0 && shadows <= 1)) {
            throw new IllegalArgumentException("rain and shadows are chances from 0 to 1");
        }
        if (!(noiseMin >= 0 && noiseMin <= noiseMax && noiseMax <= 0.5)) {
            throw new IllegalArgumentException("noise must be a range within 0 to 0.5, e.g. 0.005-0.03");
        }
        if (qualityMin < 1 || qualityMin > qualityMax || qualityMax > 100) {
            throw new IllegalArgumentException("quality must be a range within 1 to 100, e.g. 70-95");
        }
    }

    /** Parses the command-line form; null or blank gives {@link #DEFAULT}. */
    public static ConditionMix parse(String text) {
        ConditionMix m = DEFAULT;
        if (text == null || text.isBlank()) {
            return m;
        }
        List<Light> lights = m.lights;
        double rain = m.rain;
        double shadows = m.shadows;
        double[] noise = {m.noiseMin, m.noiseMax};
        double[] quality = {m.qualityMin, m.qualityMax};
        for (String item : text.split(",")) {
            String[] kv = item.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("'" + item + "' is not KEY=VALUE (keys: light, rain, shadows, noise, quality)");
            }
            String value = kv[1].strip();
            switch (kv[0].strip().toLowerCase(Locale.ROOT)) {
                case "light" -> {
                    List<Light> ls = new ArrayList<>();
                    for (String w : value.split("\\|")) {
                        ls.add(Light.of(w));
                    }
                    lights = ls;
                }
                case "rain" -> rain = number(value, "rain");
                case "shadows" -> shadows = number(value, "shadows");
                case "noise" -> noise = range(value, "noise");
                case "quality" -> quality = range(value, "quality");
                default -> throw new IllegalArgumentException("unknown condition '" + kv[0] + "' (keys: light, rain, shadows, noise, quality)");
            }
        }
        return new ConditionMix(lights, rain, shadows, noise[0], noise[1], (int) quality[0], (int) quality[1]);
    }

    /** One condition drawn from the mix. */
    public Condition draw(SplittableRandom r) {
        Light light = lights.get(r.nextInt(lights.size()));
        boolean wet = r.nextDouble() < rain;
        boolean shade = r.nextDouble() < shadows;
        double noise = noiseMin + r.nextDouble() * (noiseMax - noiseMin);
        int quality = qualityMin + r.nextInt(qualityMax - qualityMin + 1);
        return new Condition(light, wet, shade, Math.round(noise * 10000) / 10000.0, quality);
    }

    /** The command-line form. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "light=%s,rain=%s,shadows=%s,noise=%s-%s,quality=%d-%d",
                String.join("|", lights.stream().map(Light::word).toList()), rain, shadows, noiseMin, noiseMax, qualityMin, qualityMax);
    }

    private static double number(String v, String key) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + v + "'", e);
        }
    }

    private static double[] range(String v, String key) {
        String[] p = v.split("-", 2);
        double lo = number(p[0], key);
        double hi = p.length == 2 ? number(p[1], key) : lo;
        return new double[] {lo, hi};
    }
}
