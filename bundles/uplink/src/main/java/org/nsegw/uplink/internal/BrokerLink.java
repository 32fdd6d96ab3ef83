package org.nsegw.uplink.internal;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The MQTT connection as the {@link Courier} needs it: connect (with the last will and the ack subscription), publish
 * with a callback at the broker's PUBACK, and be told of acknowledgements and a lost connection. {@link PahoV5Link}
 * is the MQTT 5 implementation.
 */
interface BrokerLink extends AutoCloseable {

    /**
     * What the broker said in its CONNACK.
     *
     * @param properties whether messages carry MQTT 5 properties (user properties, correlation data); false on 3.1.1
     */
    record Limits(OptionalLong maxPacketSize, int receiveMaximum, boolean sessionPresent, boolean properties) {
    }

    /** One message to publish; user properties in order, correlation data may be null. */
    record Message(String topic, byte[] payload, int qos, boolean retained, Map<String, String> userProperties, byte[] correlation) {
    }

    /** What the connection reports, from the client's threads. */
    interface Listener {

        /** A message arrived on the ack topic. */
        void acknowledgement(byte[] payload, byte[] correlation);

        /** The connection is gone. */
        void lost(String reason);
    }

    /** What happened to one publish: {@code error} is null when the broker PUBACKed it with success. */
    interface Delivery {
        void done(String error);
    }

    /**
     * Connects (blocking), subscribes to the ack topic and returns the broker's limits.
     *
     * @throws IOException when the broker cannot be reached or refuses the connection; the message says why
     */
    Limits connect(Listener listener) throws IOException;

    /**
     * Publishes without blocking; {@code delivery} is told at the PUBACK (QoS 1) or once written (QoS 0).
     *
     * @throws IOException when the client refuses the message (not connected, too many in flight)
     */
    void publish(Message message, Delivery delivery) throws IOException;

    /** Publishes {@code goodbye} (if not null), then disconnects; the last will is not sent. */
    void disconnect(Message goodbye);

    @Override
    void close();
}
