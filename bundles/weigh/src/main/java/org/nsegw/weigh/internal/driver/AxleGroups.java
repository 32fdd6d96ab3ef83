package org.nsegw.weigh.internal.driver;

import java.util.ArrayList;
import java.util.List;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.AxleGroup;

/** Axle groups from spacings: adjacent axles closer than a limit act as one group (tandem, tridem). */
public final class AxleGroups {

    private AxleGroups() {
    }

    public static List<AxleGroup> of(List<Axle> axles, double groupSpacingM) {
        List<AxleGroup> groups = new ArrayList<>();
        int first = 0;
        for (int i = 1; i <= axles.size(); i++) {
            if (i == axles.size() || axles.get(i).spacingToPreviousMm() >= groupSpacingM * 1000) {
                if (!axles.isEmpty()) {
                    groups.add(new AxleGroup(first, i - first));
                }
                first = i;
            }
        }
        return groups;
    }
}
