package org.nsegw.emulator.platform;

import java.util.Optional;

/**
 * The topic names of docs/mqtt-topics.md under one prefix ({@code P}, e.g. {@code zj/nse}): {@code P/G/case/notice},
 * {@code P/G/case/chunk} and the platform's {@code P/G/ack}, {@code G} being the gateway id.
 */
record Topics(String prefix) {

    Topics {
        if (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("+")
                || prefix.contains("#")) {
            throw new IllegalArgumentException("topic prefix must be non-empty, without a leading or trailing /,"
                    + " + or #: '" + prefix + "'");
        }
    }

    /**
     * What a receiver subscribes to: every gateway's notices and chunks, shared by the instances of {@code group};
     * an empty group: not shared, for a broker without shared subscriptions (then only one instance may run).
     */
    String caseFilter(String group) {
        if (group.contains("/") || group.contains("+") || group.contains("#")) {
            throw new IllegalArgumentException("shared subscription group must be without /, + or #: '" + group + "'");
        }
        return (group.isEmpty() ? "" : "$share/" + group + "/") + prefix + "/+/case/#";
    }

    String ack(String gateway) {
        return prefix + "/" + gateway + "/ack";
    }

    /**
     * A notice or chunk topic: the gateway and whether it is a notice, and for the MQTT 3.1.1 chunk topic
     * {@code P/G/case/chunk/<caseId>/<index>/<chunks>} what it says of the chunk; anything else is empty.
     */
    Optional<CaseTopic> parse(String topic) {
        if (!topic.startsWith(prefix + "/")) {
            return Optional.empty();
        }
        String[] parts = topic.substring(prefix.length() + 1).split("/", -1);
        if (parts.length == 3 && parts[1].equals("case") && parts[2].equals("notice")) {
            return Optional.of(new CaseTopic(parts[0], true, null));
        }
        if (parts.length == 3 && parts[1].equals("case") && parts[2].equals("chunk")) {
            return Optional.of(new CaseTopic(parts[0], false, null));
        }
        if (parts.length == 6 && parts[1].equals("case") && parts[2].equals("chunk")) {
            try {
                return Optional.of(new CaseTopic(parts[0], false, new CaseReception.ChunkHeader(parts[3],
                        Integer.parseInt(parts[4]), Integer.parseInt(parts[5]), null)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The gateway of a checkpoint topic {@code P/G/case/checkpoint}; empty for any other topic. */
    Optional<String> checkpointGateway(String topic) {
        if (!topic.startsWith(prefix + "/") || !topic.endsWith("/case/checkpoint")) {
            return Optional.empty();
        }
        String gateway = topic.substring(prefix.length() + 1, topic.length() - "/case/checkpoint".length());
        return gateway.isEmpty() || gateway.contains("/") ? Optional.empty() : Optional.of(gateway);
    }

    /** @param chunk what an MQTT 3.1.1 chunk topic says of its chunk, else null */
    record CaseTopic(String gateway, boolean notice, CaseReception.ChunkHeader chunk) {
    }
}
