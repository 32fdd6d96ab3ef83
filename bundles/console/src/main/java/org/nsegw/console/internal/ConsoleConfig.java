package org.nsegw.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ConsoleConfig.PID, name = "Installer console",
        description = "The local web console installers commission the gateway with, over HTTPS, protected by the "
                + "setup password the gateway generates at its first start (docs/console.md).")
@interface ConsoleConfig {

    String PID = "org.nsegw.console";

    @AttributeDefinition(name = "Enabled", description = "whether the gateway serves the console")
    boolean enabled() default true;

    @AttributeDefinition(name = "Bind address",
            description = "the gateway address the console listens on: 127.0.0.1 (the default) is reachable on the "
                    + "gateway itself or through an SSH tunnel only; give the address of the maintenance network "
                    + "to reach it from a laptop there; 0.0.0.0 listens on every network (not recommended)")
    String bindAddress() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "0", max = "65535",
            description = "the HTTPS port of the console (0 takes any free port, for tests)")
    int port() default 8443;

    @AttributeDefinition(name = "Certificate file", required = false,
            description = "PEM file of the console's TLS certificate (the chain, leaf first); empty: a self-signed "
                    + "certificate the gateway makes at its first start in <data>/console/")
    String tls_certFile() default "";

    @AttributeDefinition(name = "Key file", required = false,
            description = "PEM file (PKCS#8, unencrypted) of the key of tls.certFile, readable by the gateway's user only")
    String tls_keyFile() default "";

    @AttributeDefinition(name = "Session timeout (min)", min = "1", max = "720",
            description = "a session without a request for this long is logged out")
    int sessionMinutes() default 30;

    @AttributeDefinition(name = "Failed logins before a pause", min = "1", max = "100",
            description = "after this many wrong passwords from one address, logins from it are refused for login.pauseSeconds")
    int login_maxFailures() default 5;

    @AttributeDefinition(name = "Login pause (s)", min = "1", max = "86400",
            description = "how long logins are refused after too many wrong passwords")
    int login_pauseSeconds() default 300;
}
