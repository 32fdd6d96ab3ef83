package org.nsegw.log.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = "org.nsegw.log", name = "Logging",
        description = "Log levels and the rotated log files in the data directory (log/nsegw.0.log is the current one).")
@interface LogConfig {

    @AttributeDefinition(name = "Level", description = "The level of every logger not named in 'levels'.",
            options = {
                @Option(value = "ERROR", label = "errors only"), @Option(value = "WARN", label = "warnings and errors"),
                @Option(value = "INFO", label = "information (normal operation)"),
                @Option(value = "DEBUG", label = "debugging"), @Option(value = "TRACE", label = "everything")})
    String level() default "INFO";

    @AttributeDefinition(name = "Levels per component", required = false,
            description = "logger=LEVEL items, e.g. org.nsegw.weigh=DEBUG. A name covers every logger below it; "
                    + "components log under their class name.")
    String[] levels() default {};

    @AttributeDefinition(name = "File size (KiB)", min = "64", max = "1048576",
            description = "A log file is rotated when it reaches this size.")
    int fileSizeKb() default 10240;

    @AttributeDefinition(name = "Files kept", min = "1", max = "100", description = "How many rotated files are kept.")
    int files() default 5;

    @AttributeDefinition(name = "Console", description = "Also print log lines on standard output.")
    boolean console() default true;
}
