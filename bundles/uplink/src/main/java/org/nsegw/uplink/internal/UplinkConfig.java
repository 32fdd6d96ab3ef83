package org.nsegw.uplink.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = "org.nsegw.uplink", name = "Uplink",
        description = "The MQTT connection to the provincial handling platform.")
@interface UplinkConfig {

    @AttributeDefinition(name = "Broker", description = "the broker URL: tcp://host:1883 or ssl://host:8883")
    String broker();

    @AttributeDefinition(name = "Client id", required = false, description = "the MQTT client id; empty: the gateway id")
    String clientId() default "";

    @AttributeDefinition(name = "Topic prefix", min = "1", max = "128", description = "the root of the gateway's topics")
    String topicPrefix() default "nsegw";

    @AttributeDefinition(name = "MQTT version", options = {@Option(value = "5", label = "MQTT 5"), @Option(value = "3.1.1", label = "MQTT 3.1.1")},
            description = "5 unless the broker lacks it (RabbitMQ's MQTT plugin speaks 3.1.1)")
    String mqttVersion() default "5";

    @AttributeDefinition(name = "User name", required = false, description = "the gateway's account on the broker; empty: none")
    String username() default "";

    @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD, description = "the password of that account")
    String password() default "";

    @AttributeDefinition(name = "Keep-alive (s)", min = "5", max = "3600", description = "the MQTT keep-alive: the longest silence before a ping")
    int keepAliveSeconds() default 60;

    @AttributeDefinition(name = "Session expiry (s)", min = "60", max = "2147483647",
            description = "how long the broker keeps the session while the gateway is away; MQTT 5 brokers drop queued"
                    + " messages at once without one")
    int sessionExpirySeconds() default 604800;

    @AttributeDefinition(name = "Largest chunk (KiB)", min = "1", max = "65536",
            description = "the largest piece of a packet in one message; smaller when the broker's maximum packet size asks")
    int maxChunkKb() default 256;

    @AttributeDefinition(name = "Acknowledgement timeout (s)", min = "0", max = "604800",
            description = "a case the platform has not answered this long after its last chunk is sent again; 0: never")
    int ackTimeoutSeconds() default 600;

    @AttributeDefinition(name = "Heartbeat (s)", min = "0", max = "86400", description = "how often the heartbeat is sent; 0: never")
    int heartbeatSeconds() default 60;

    @AttributeDefinition(name = "CA certificate file", required = false, description = "PEM file of the CA that signed the broker's certificate")
    String tls_caFile() default "";

    @AttributeDefinition(name = "Client certificate file", required = false, description = "PEM file of the gateway's client certificate")
    String tls_certFile() default "";

    @AttributeDefinition(name = "Client key file", required = false, description = "PEM file of the gateway's client key")
    String tls_keyFile() default "";
}
