package org.nsegw.site;

import java.util.List;
import java.util.Objects;
import org.nsegw.api.device.DeviceKind;
import org.nsegw.site.Yaml.YMap;

/**
 * A device model, read from {@code device-profiles/<kind>/<model>.yaml}: what it is, and the settings every device
 * of that model starts from (protocol, serial settings or endpoint, field mapping, units, accuracy class). A site
 * file names the profile of each device and may override any setting.
 *
 * @param id          the path below the profile directory without extension, e.g. {@code weigh/toledo-continuous}
 * @param kind        the device family, matching the first folder of the id
 * @param vendor      the manufacturer
 * @param model       the model or model family
 * @param description free text for installers
 * @param settings    the settings, checked against the device component's metatype when a site uses the profile
 * @param problems    what is wrong with the profile itself; a profile with problems cannot be used
 */
public record DeviceProfile(
        String id,
        DeviceKind kind,
        String vendor,
        String model,
        String description,
        YMap settings,
        List<Problem> problems) {

    /** The keys that describe the profile rather than configure the device. */
    public static final List<String> DESCRIPTIVE_KEYS = List.of("kind", "vendor", "model", "description");

    public DeviceProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(settings, "settings");
        problems = List.copyOf(problems);
    }

    /** {@code vendor model}, as shown to installers and recorded with the device. */
    public String displayName() {
        return (vendor + " " + model).strip();
    }

    public boolean isUsable() {
        return problems.isEmpty() && kind != null;
    }
}
