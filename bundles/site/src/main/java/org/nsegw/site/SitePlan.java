package org.nsegw.site;

import java.util.List;
import java.util.Objects;

/**
 * What a site file asks the gateway to run, or why it cannot.
 *
 * @param file           the site file as the user named it
 * @param gatewayId      the gateway id, empty when the file does not give a valid one
 * @param configurations the configurations to apply; meaningful only when there are no problems
 * @param problems       every problem found, in file and line order
 */
public record SitePlan(String file, String gatewayId, List<PlannedConfiguration> configurations, List<Problem> problems) {

    public SitePlan {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(gatewayId, "gatewayId");
        configurations = List.copyOf(configurations);
        problems = problems.stream().sorted(Problem.BY_LOCATION).distinct().toList();
    }

    public boolean isValid() {
        return problems.isEmpty();
    }
}
