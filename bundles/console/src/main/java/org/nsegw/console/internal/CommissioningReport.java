package org.nsegw.console.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.nsegw.api.device.DeviceStatus;

/**
 * The commissioning report an installer downloads at the end of the job: what the gateway is, runs and sees, in
 * Markdown (readable as text, printable). Pure: the component gathers the facts.
 */
final class CommissioningReport {

    /** A certificate whose expiry matters: a weigh sensor's verification (检定), a TLS certificate. */
    record Expiry(String what, String id, LocalDate expires) {
    }

    record Facts(
            String gatewayId,
            String gatewayName,
            String stationCode,
            Instant at,
            ZoneId zone,
            String siteFile,
            String siteState,
            Map<String, Integer> configurationsByPid,
            List<String> versions,
            List<DeviceStatus> devices,
            List<Expiry> certificates,
            String consoleUrl,
            String consoleFingerprint,
            Map<String, Long> consoleCounters) {
    }

    private CommissioningReport() {
    }

    static String render(Facts f) {
        Tables t = new Tables(f.zone());
        LocalDate today = f.at().atZone(f.zone()).toLocalDate();
        StringBuilder b = new StringBuilder();
        b.append("# 调试报告 Commissioning report\n\n");
        b.append("| | |\n|---|---|\n");
        row(b, "网关 Gateway", f.gatewayId());
        row(b, "名称 Name", f.gatewayName());
        row(b, "站点编码 Station code", f.stationCode());
        row(b, "时间 Time", t.time(f.at()) + " (" + f.zone() + ")");
        row(b, "站点文件 Site file", f.siteFile().isEmpty() ? "(none: configured by Configuration Admin)" : f.siteFile());
        row(b, "站点文件状态 Site file state", f.siteState());
        row(b, "控制台 Console", f.consoleUrl());
        row(b, "控制台证书指纹 Console certificate SHA-256", f.consoleFingerprint());

        b.append("\n## 设备 Devices\n\n");
        long online = f.devices().stream().filter(d -> d.state().name().equals("ONLINE")).count();
        b.append(online).append(" of ").append(f.devices().size()).append(" online.\n\n");
        b.append("| ").append(String.join(" | ", Tables.DEVICE_HEADERS)).append(" |\n");
        b.append("|").append("---|".repeat(Tables.DEVICE_HEADERS.size())).append("\n");
        for (Tables.Row r : t.devices(f.devices())) {
            b.append("| ").append(String.join(" | ", r.cells().stream().map(CommissioningReport::cell).toList())).append(" |\n");
        }

        b.append("\n## 证书有效期 Certificate expiry\n\n");
        if (f.certificates().isEmpty()) {
            b.append("No certificates on file.\n");
        } else {
            b.append("| 证书 Certificate | 编号 Id | 有效至 Expires | 剩余天数 Days left |\n|---|---|---|---|\n");
            for (Expiry e : f.certificates()) {
                long days = ChronoUnit.DAYS.between(today, e.expires());
                b.append("| ").append(cell(e.what())).append(" | ").append(cell(e.id())).append(" | ").append(e.expires())
                        .append(" | ").append(days < 0 ? "EXPIRED 已过期" : days < 30 ? days + " (soon 即将到期)" : days)
                        .append(" |\n");
            }
        }

        b.append("\n## 站点文件 Site file summary\n\n");
        if (f.configurationsByPid().isEmpty()) {
            b.append("No configurations from a site file.\n");
        } else {
            b.append("| 组件 Component (PID) | 配置数 Configurations |\n|---|---|\n");
            f.configurationsByPid().forEach((pid, n) -> b.append("| ").append(cell(pid)).append(" | ").append(n).append(" |\n"));
        }

        b.append("\n## 软件版本 Versions\n\n");
        f.versions().forEach(v -> b.append("- ").append(v).append('\n'));

        b.append("\n## 尚未检查 Not checked yet\n\n");
        b.append("- 连通测试 Connectivity test (broker, TLS, platform acknowledgement): not available in this version.\n");
        b.append("- 测试通行 Test passage marked TEST through the whole path: not available in this version.\n");
        b.append("- 相机区域 Site camera regions of interest: not available in this version.\n");

        b.append("\n## 控制台 Console requests\n\n");
        if (f.consoleCounters().isEmpty()) {
            b.append("None counted.\n");
        } else {
            f.consoleCounters().forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String label, String value) {
        b.append("| ").append(label).append(" | ").append(cell(value)).append(" |\n");
    }

    /** A table cell: a '|' or line break in a device's reason must not break the table. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replaceAll("\\R", " ");
    }
}
