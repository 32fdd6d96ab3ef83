package org.nsegw.uplink.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * How many packet bytes one chunk may carry, so that the whole PUBLISH (fixed header, topic, packet id, properties and
 * payload) fits the broker's Maximum Packet Size from the CONNACK: a broker such as Mosquitto with
 * {@code max_packet_size} drops a larger message silently while the client's call succeeds (DOMAIN.md §8).
 *
 * <p>The overhead is counted for the largest chunk this gateway can send: a case id of 128 characters (the outbox's
 * limit) and an index and count of 10 digits, so one size fits every case of a connection.
 */
public final class ChunkSize {

    /** The smallest chunk worth sending; a broker that allows less is a configuration error. */
    public static final int MINIMUM = 1024;
    /** MQTT's own limit on a packet (the largest Remaining Length plus the fixed header). */
    public static final long MQTT_MAXIMUM = 268_435_455L + 5;
    static final int LONGEST_CASE_ID = 128;
    static final int LONGEST_NUMBER = 10;
    static final int SHA256_HEX = 64;

    private ChunkSize() {
    }

    /**
     * @param maxPacketSize the CONNACK's Maximum Packet Size, empty when the broker sets none
     * @param chunkTopic    the topic chunks are published on
     * @param maxChunkKb    the configured upper limit ({@code uplink.maxChunkKb})
     * @throws IllegalStateException when the broker's maximum leaves less than {@link #MINIMUM} bytes for a chunk
     */
    public static int of(OptionalLong maxPacketSize, String chunkTopic, int maxChunkKb) {
        if (maxChunkKb < 1) {
            throw new IllegalArgumentException("maxChunkKb must be at least 1, not " + maxChunkKb);
        }
        long limit = Math.min(MQTT_MAXIMUM, maxPacketSize.orElse(MQTT_MAXIMUM));
        long room = limit - overhead(chunkTopic);
        long size = Math.min(room, maxChunkKb * 1024L);
        if (size < MINIMUM) {
            throw new IllegalStateException("the broker's maximum packet size of " + limit + " bytes leaves " + room
                    + " bytes for a chunk after " + overhead(chunkTopic) + " bytes of topic and properties; at least " + MINIMUM
                    + " are needed: raise the broker's max_packet_size");
        }
        return (int) size;
    }

    /** The largest number of bytes a chunk's PUBLISH adds to its payload on MQTT 5 (user properties, correlation data). */
    public static int overhead(String chunkTopic) {
        int properties = (1 + 2 + LONGEST_CASE_ID) // correlation data: the case id
                + userProperty("caseId", LONGEST_CASE_ID)
                + userProperty("index", LONGEST_NUMBER)
                + userProperty("chunks", LONGEST_NUMBER)
                + userProperty("sha256", SHA256_HEX);
        return publishOverhead(chunkTopic, properties);
    }

    /** Fixed header (type byte, Remaining Length up to 4 bytes), topic, packet id, property length (up to 4 bytes). */
    static int publishOverhead(String topic, int properties) {
        return 1 + 4 + 2 + utf8(topic) + 2 + 4 + properties;
    }

    private static int userProperty(String name, int valueLength) {
        return 1 + 2 + utf8(name) + 2 + valueLength;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** How many chunks a packet of {@code size} bytes takes (an empty packet still takes one). */
    public static int count(long size, int chunkSize) {
        return (int) Math.max(1, (size + chunkSize - 1) / chunkSize);
    }
}
