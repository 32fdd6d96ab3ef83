package org.nsegw.uplink.internal.protocol;

import java.util.Objects;

/** The topics of one gateway under the site's prefix: {@code P/G/...} as {@code docs/mqtt-topics.md} names them. */
public record Topics(String prefix, String gatewayId) {

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(gatewayId, "gatewayId");
        if (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/") || wild(prefix)) {
            throw new IllegalArgumentException("topic prefix '" + prefix + "' must be a topic without wildcards and without a"
                    + " leading or trailing '/', e.g. zj/nse");
        }
        if (gatewayId.isEmpty() || gatewayId.contains("/") || wild(gatewayId)) {
            throw new IllegalArgumentException("gateway id '" + gatewayId + "' cannot be a topic level (no '/', '+' or '#')");
        }
    }

    private static boolean wild(String s) {
        return s.contains("+") || s.contains("#") || s.startsWith("$") || s.contains("\u0000");
    }

    private String of(String leaf) {
        return prefix + "/" + gatewayId + "/" + leaf;
    }

    public String status() {
        return of("status");
    }

    public String notice() {
        return of("case/notice");
    }

    public String chunk() {
        return of("case/chunk");
    }

    /** MQTT 3.1.1 has no user properties: the chunk's identity moves into the topic. */
    public String chunk311(String caseId, int index, int chunks) {
        return of("case/chunk/" + caseId + "/" + index + "/" + chunks);
    }

    /** The gateway's newest signed checkpoint (retained): {@code P/G/case/checkpoint}, inside the platform's case filter. */
    public String checkpoint() {
        return of("case/checkpoint");
    }

    public String alarm() {
        return of("alarm");
    }

    public String heartbeat() {
        return of("heartbeat");
    }

    public String ack() {
        return of("ack");
    }
}
