package org.nsegw.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nsegw} command line. */
@Command(name = "nsegw", mixinStandardHelpOptions = true, versionProvider = Nsegw.Version.class,
        description = "NSE Gateway: weigh sensors, ANPR and site cameras to signed evidence for the enforcement platform.",
        subcommands = {RunCommand.class, ConfigCommand.class, StatusCommand.class, DemoCommand.class, DecodeCommand.class,
            PlateCommand.class, JudgeCommand.class, VerifyCommand.class, ProofCommand.class, KeysCommand.class,
            EmulateCommand.class, VisionCommand.class,
            BenchCommand.class, RemoteCommand.class,
            CommandLine.HelpCommand.class})
public final class Nsegw {

    static final int EXIT_OK = 0;
    /** Something did not work (a check failed, a gateway did not stop cleanly...). */
    static final int EXIT_FAILURE = 1;
    /** The input was unusable: an invalid site file, no status to show, bad options. */
    static final int EXIT_INVALID = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Nsegw())
                .setExitCodeExceptionMapper(e -> EXIT_FAILURE)
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    cl.getErr().println("nsegw: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    if (System.getenv("NSEGW_DEBUG") != null) {
                        e.printStackTrace(cl.getErr());
                    }
                    return EXIT_FAILURE;
                });
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Nsegw.class.getPackage().getImplementationVersion();
            return new String[] {"nsegw " + (v == null ? "development build" : v) + ", Java " + Runtime.version()};
        }
    }
}
