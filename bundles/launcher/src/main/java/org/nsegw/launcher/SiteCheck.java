package org.nsegw.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nsegw.site.DeviceProfiles;
import org.nsegw.site.Problem;
import org.nsegw.site.SiteCompiler;
import org.nsegw.site.SiteFiles;
import org.nsegw.site.SitePlan;

/** Checks a site file against the metatype in the distribution's bundles, without starting the framework. */
final class SiteCheck {

    private SiteCheck() {
    }

    /**
     * @param site     the site file as the user named it
     * @param profiles the profile directory, or {@code null} to find it beside the site file
     */
    static Result check(Distribution dist, Path site, Path profiles) throws IOException {
        return check(dist, site, profiles, List.of());
    }

    /**
     * @param settings {@code --set} settings on top of the file
     */
    static Result check(Distribution dist, Path site, Path profiles, List<SiteCompiler.Setting> settings) throws IOException {
        Path profileDir = profiles != null ? profiles : SiteFiles.profilesDir(site, null);
        if (profiles == null && !Files.isDirectory(profileDir)) {
            profileDir = dist.profiles(); // a site file outside a checkout's edge-config/ uses the installed profiles
        }
        SiteCompiler compiler = new SiteCompiler(SiteCompiler.index(dist.schemas()), DeviceProfiles.load(profileDir));
        String text;
        try {
            text = SiteFiles.read(site);
        } catch (IOException e) {
            return new Result(new SitePlan(site.toString(), "", java.util.List.of(),
                    java.util.List.of(new Problem(org.nsegw.site.Location.of(site.toString()), "cannot read: " + e.getMessage()))),
                    compiler, profileDir);
        }
        return new Result(compiler.compile(site.toString(), text, settings), compiler, profileDir);
    }

    /** The typed settings of a device profile, for tools that use a profile without a site file. */
    static SiteCompiler.ProfileSettings profileSettings(Distribution dist, Path profiles, String profile) throws IOException {
        return new SiteCompiler(SiteCompiler.index(dist.schemas()), DeviceProfiles.load(profiles != null ? profiles : dist.profiles()))
                .profileSettings(profile);
    }

    /**
     * @param plan        the outcome
     * @param compiler    the compiler used, which knows which properties are secret
     * @param profileDir  the profile directory used
     */
    record Result(SitePlan plan, SiteCompiler compiler, Path profileDir) {

        /** Prints every problem and a count; nothing for a valid file. */
        void printProblems(PrintWriter err) {
            plan.problems().forEach(p -> err.println(p));
            if (!plan.isValid()) {
                err.println(plan.problems().size() + (plan.problems().size() == 1 ? " problem" : " problems")
                        + " in " + plan.file());
            }
        }

        long count(String pid) {
            return plan.configurations().stream().filter(c -> c.pid().equals(pid)).count();
        }

        /** The gateway's time zone: local times in logs and reports are in it. */
        java.time.ZoneId zone() {
            Object tz = plan.configurations().stream().filter(c -> c.pid().equals(SiteCompiler.GATEWAY_PID)).findFirst()
                    .flatMap(c -> c.property("timezone"))
                    .orElseGet(() -> compiler.defaultValue(SiteCompiler.GATEWAY_PID, "timezone").orElse("Asia/Shanghai"));
            return java.time.ZoneId.of(tz.toString());
        }

        long devices() {
            return SiteCompiler.DEVICE_PIDS.values().stream().mapToLong(this::count).sum();
        }
    }
}
