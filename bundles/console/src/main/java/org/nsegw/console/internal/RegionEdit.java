package org.nsegw.console.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nsegw.api.vision.CameraView;
import org.nsegw.site.SiteCompiler.Setting;

/**
 * A camera's regions as the camera page posts them, turned into overlay settings ({@code cam-exit.regions.roadZone=[...]},
 * docs/remote.md): one per region that differs from what the camera is configured with. The corners are not judged
 * here: the site compiler checks them with everything else, and its message is the one the installer reads. Pure.
 */
final class RegionEdit {

    /** The form field of a region: {@code regions.} and its name. */
    static final String PREFIX = "regions.";
    /** More corners than anyone draws by hand: a bound on what one form makes. */
    static final int MAX_CORNERS = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegionEdit() {
    }

    /**
     * The settings of a form's regions (fields {@code regions.wheelZone} ..., each the corners {@code "x,y"} separated by
     * spaces), for the regions that differ from {@code configured}.
     *
     * @throws IllegalArgumentException when the form names no region or a region has too many corners
     */
    static List<Setting> changes(String cameraId, Form form, Map<String, List<String>> configured) {
        List<Setting> changes = new ArrayList<>();
        boolean any = false;
        for (String region : CameraView.REGIONS) {
            Optional<String> text = form.get(PREFIX + region);
            if (text.isEmpty()) {
                continue;
            }
            any = true;
            List<String> corners = corners(text.get());
            if (corners.size() > MAX_CORNERS) {
                throw new IllegalArgumentException(PREFIX + region + " has " + corners.size() + " corners; at most " + MAX_CORNERS);
            }
            if (corners.equals(configured.getOrDefault(region, List.of()))) {
                continue;
            }
            try {
                changes.add(new Setting(cameraId, PREFIX + region, JSON.writeValueAsString(corners)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!any) {
            throw new IllegalArgumentException("the form has no region (fields regions.wheelZone, regions.bodyZone, regions.roadZone,"
                    + " regions.washArea)");
        }
        return changes;
    }

    /** The corners of a region's text: {@code "x,y"} pieces separated by white space (spaces around commas allowed). */
    static List<String> corners(String text) {
        String compact = text.strip().replaceAll("\\s*,\\s*", ",");
        return compact.isEmpty() ? List.of() : Arrays.asList(compact.split("\\s+"));
    }

    /** The overlay with {@code changes} in place of any earlier setting of the same keys (order kept otherwise). */
    static List<Setting> merged(List<Setting> overlay, List<Setting> changes) {
        List<Setting> next = new ArrayList<>();
        for (Setting s : overlay) {
            if (changes.stream().noneMatch(c -> c.target().equals(s.target()) && c.key().equals(s.key()))) {
                next.add(s);
            }
        }
        next.addAll(changes);
        return next;
    }
}
