package org.nsegw.remote.internal;

import java.io.IOException;

/**
 * The remote bundle's own MQTT connection to the uplink's broker (client id: the uplink's with {@code -remote}): it
 * subscribes to the command topic and publishes replies and audit lines, one at a time, each waited for until the
 * broker's PUBACK. {@link PahoV5RemoteLink} and {@link PahoV3RemoteLink} implement it.
 */
interface RemoteLink extends AutoCloseable {

    /** What the connection reports, from the client's threads. */
    interface Listener {

        /** A message on the command topic; {@code correlation} is null on MQTT 3.1.1 or when the sender gave none. */
        void command(byte[] payload, byte[] correlation);

        void lost(String reason);
    }

    /** Connects (blocking) and subscribes to {@code commandTopic} with QoS 1. */
    void connect(String commandTopic, Listener listener) throws IOException;

    /** Publishes with QoS 1 and waits for the PUBACK. */
    void publish(String topic, byte[] payload, byte[] correlation) throws IOException;

    boolean connected();

    @Override
    void close();
}
