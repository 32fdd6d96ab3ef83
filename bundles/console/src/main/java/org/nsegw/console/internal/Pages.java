package org.nsegw.console.internal;

import java.util.List;

/**
 * The console's HTML: small server-rendered pages, labels in Chinese and English. Every text from outside (device
 * reasons, plate texts, ids) goes through {@link #esc}; pages carry no inline script (the Content-Security-Policy
 * forbids it), {@code /static/console.js} refreshes the tables. Pure.
 */
final class Pages {

    /** A page of the navigation; {@code pending} ones are placeholders for work not done yet (docs/console.md). */
    record Nav(String path, String label, boolean pending) {
    }

    static final List<Nav> NAV = List.of(
            new Nav("/", "设备 Devices", false),
            new Nav("/weigh", "称重 Weighing", false),
            new Nav("/plates", "车牌 Plate reads", false),
            new Nav("/camera", "相机区域 Camera regions", false),
            new Nav("/connectivity", "连通测试 Connectivity", false),
            new Nav("/test-passage", "测试通行 Test passage", false),
            new Nav("/report", "调试报告 Commissioning report", false),
            new Nav("/password", "密码 Password", false));

    private final String gatewayId;
    private final String gatewayName;

    Pages(String gatewayId, String gatewayName) {
        this.gatewayId = gatewayId;
        this.gatewayName = gatewayName;
    }

    String gatewayId() {
        return gatewayId;
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The login page; {@code message} says why the last attempt failed (empty: none). */
    String login(String csrfToken, String message) {
        return head("登录 Log in") + "<body class=\"login\"><main>"
                + "<h1>安装调试控制台 Installer console</h1>"
                + "<p class=\"gateway\">" + esc(gatewayId) + (gatewayName.isEmpty() ? "" : " · " + esc(gatewayName)) + "</p>"
                + (message.isEmpty() ? "" : "<p id=\"error\" class=\"error\" role=\"alert\">" + esc(message) + "</p>")
                + "<form method=\"post\" action=\"/login\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrfToken) + "\">"
                + "<label for=\"password\">设置密码 Setup password</label>"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required autofocus>"
                + "<button id=\"login\" type=\"submit\">登录 Log in</button></form>"
                + "<p class=\"hint\">密码在网关首次启动时生成，见网关控制台输出或数据目录中的 console/setup-password 文件。"
                + "<br>The password was generated at the gateway's first start: see the gateway's console output or the file "
                + "console/setup-password in its data directory.</p></main></body></html>";
    }

    /** A page with a live table, refreshed by the script from {@code api}. */
    String table(String path, String title, String csrfToken, String intro, List<String> headers, List<Tables.Row> rows,
            String api) {
        StringBuilder b = new StringBuilder();
        b.append(frame(path, title, csrfToken));
        b.append("<p>").append(esc(intro)).append("</p>");
        b.append("<table id=\"live\" data-api=\"").append(esc(api)).append("\"><thead><tr>");
        headers.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (Tables.Row r : rows) {
            b.append("<tr class=\"").append(esc(r.state())).append("\">");
            for (int i = 0; i < r.cells().size(); i++) {
                b.append("<td>");
                if (i == r.cells().size() - 1 && !r.images().isEmpty()) {
                    r.images().forEach(u -> b.append("<a href=\"").append(esc(u)).append("\" target=\"_blank\"><img src=\"")
                            .append(esc(u)).append("\" alt=\"\" loading=\"lazy\"></a>"));
                } else {
                    b.append(esc(r.cells().get(i)));
                }
                b.append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
        b.append("<p id=\"empty\" class=\"hint\"").append(rows.isEmpty() ? "" : " hidden").append(">暂无数据 Nothing yet</p>");
        b.append("<p class=\"hint\">每 2 秒刷新 Refreshed every 2 s · <span id=\"refreshed\"></span></p>");
        return b.append(end()).toString();
    }

    /** A page of work that is not done yet: says so, and what it will do. */
    String pending(String path, String title, String csrfToken, String what) {
        return frame(path, title, csrfToken) + "<p class=\"pending\">待完成 Not available yet.</p><p>" + esc(what)
                + "</p><p class=\"hint\">See docs/console.md, “What remains”.</p>" + end();
    }

    /**
     * A site camera's latest frame with its regions drawn over it, editable; the script draws and edits them from
     * {@code /api/camera} and saves them with {@code POST /api/camera/regions}. {@code cameras} are the device ids
     * (a selector when there are several), {@code selected} the one shown.
     */
    String camera(String csrfToken, List<String> cameras, String selected) {
        StringBuilder b = new StringBuilder(frame("/camera", "相机区域 Camera regions", csrfToken));
        if (cameras.isEmpty()) {
            return b.append("<p id=\"no-camera\" class=\"hint\">本网关没有现场相机 This gateway has no site camera "
                    + "(devices of kind site camera in the site file).</p>").append(end()).toString();
        }
        b.append("<p>拖动角点调整区域，双击边线添加角点，双击角点删除；保存后经站点配置校验并持久保存，相机以新区域重新启动。"
                + "<br>Drag a corner to move it; double-click an edge to add a corner, a corner to remove it; or type the corners."
                + " Saving checks the regions like the site file (corners x,y from 0 to 1, at least three) and keeps them in the"
                + " site overlay (they survive restarts); the camera restarts with them.</p>");
        if (cameras.size() > 1) {
            b.append("<nav class=\"cameras\">");
            for (String id : cameras) {
                b.append("<a href=\"/camera?id=").append(esc(java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)))
                        .append("\"").append(id.equals(selected) ? " class=\"current\"" : "").append(">").append(esc(id)).append("</a>");
            }
            b.append("</nav>");
        }
        b.append("<section id=\"camera\" data-camera=\"").append(esc(selected)).append("\">")
                .append("<h2>").append(esc(selected)).append(" <span id=\"frame-info\" class=\"hint\"></span></h2>")
                .append("<div id=\"stage\" class=\"stage\"><img id=\"frame\" alt=\"\" hidden>"
                        + "<p id=\"no-frame\" class=\"no-frame\" hidden></p>"
                        + "<svg id=\"regions\" xmlns=\"http://www.w3.org/2000/svg\"></svg></div>")
                .append("<form id=\"regions-form\" class=\"regions\">");
        String[][] labels = {{"wheelZone", "车轮区 Wheel zone"}, {"bodyZone", "车厢区 Body zone"}, {"roadZone", "路面区 Road zone"},
                {"washArea", "洗车区 Wash area"}};
        for (String[] l : labels) {
            b.append("<label for=\"zone-").append(l[0]).append("\" class=\"zone-").append(l[0]).append("\">").append(esc(l[1]))
                    .append(" <code>regions.").append(l[0]).append("</code></label><input id=\"zone-").append(l[0])
                    .append("\" name=\"regions.").append(l[0]).append("\" data-zone=\"").append(l[0])
                    .append("\" spellcheck=\"false\" autocomplete=\"off\">");
        }
        b.append("<p><button id=\"save-regions\" type=\"submit\" disabled>保存区域 Save the regions</button>"
                + " <button id=\"reset-regions\" type=\"button\" disabled>撤销 Undo changes</button>"
                + " <span id=\"camera-status\" class=\"hint\"></span></p></form></section>");
        return b.append(end()).toString();
    }

    /** The connectivity test: a button, and the checks the script fills in from {@code POST /api/connectivity}. */
    String connectivity(String csrfToken) {
        return frame("/connectivity", "连通测试 Connectivity", csrfToken)
                + "<p>用上行链路的设置检查：代理是否可达、TLS 证书是否有效、MQTT 是否接受连接、平台是否确认。"
                + "<br>With the uplink's own settings: is the broker reachable, is its TLS certificate valid, does it accept an MQTT"
                + " connection, does the platform acknowledge. Nothing is published.</p>"
                + "<p><button id=\"run-connectivity\" type=\"button\" data-api=\"/api/connectivity\">开始测试 Run the test</button>"
                + " <span id=\"status\" class=\"hint\"></span></p>"
                + "<table id=\"checks\" hidden><thead><tr><th>检查 Check</th><th>结果 Result</th><th>详情 Found</th>"
                + "<th>处理 What to fix</th></tr></thead><tbody></tbody></table>" + end();
    }

    /** The test passage: a button, and the steps the script follows from {@code /api/test-passage}. */
    String testPassage(String csrfToken) {
        return frame("/test-passage", "测试通行 Test passage", csrfToken)
                + "<p>生成一条标记为测试（TEST）的模拟通行（两轴货车 25 吨），经规则判定、证据签名、发件箱、上行链路到平台，"
                + "平台只作测试记录，不立案。<br>Makes a synthetic passage marked TEST (a two-axle truck of 25 t) in the first weigh"
                + " sensor's lane and follows it through the rules, the signed evidence packet, the outbox and the uplink to the"
                + " platform's VERIFIED. The packet's manifest says \"test\": true: the platform keeps it as a test, never as a case.</p>"
                + "<p><button id=\"run-test-passage\" type=\"button\" data-api=\"/api/test-passage\">发送测试通行 Send a test passage"
                + "</button> <span id=\"status\" class=\"hint\"></span></p>"
                + "<ol id=\"steps\" class=\"steps\"></ol><p id=\"tp-error\" class=\"error\" hidden></p>" + end();
    }

    /** The password change form; {@code message} says what was done, {@code error} why not (either may be empty). */
    String password(String csrfToken, String message, String error) {
        return frame("/password", "密码 Password", csrfToken)
                + (message.isEmpty() ? "" : "<p id=\"done\" class=\"ok\" role=\"status\">" + esc(message) + "</p>")
                + (error.isEmpty() ? "" : "<p id=\"error\" class=\"error\" role=\"alert\">" + esc(error) + "</p>")
                + "<form method=\"post\" action=\"/password\" class=\"narrow\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(csrfToken) + "\">"
                + "<label for=\"current\">当前密码 Current password</label>"
                + "<input id=\"current\" name=\"current\" type=\"password\" autocomplete=\"current-password\" required>"
                + "<label for=\"new\">新密码 New password</label>"
                + "<input id=\"new\" name=\"new\" type=\"password\" autocomplete=\"new-password\" minlength=\""
                + SetupPassword.MIN_LENGTH + "\" required>"
                + "<label for=\"confirm\">再次输入 New password again</label>"
                + "<input id=\"confirm\" name=\"confirm\" type=\"password\" autocomplete=\"new-password\" required>"
                + "<button id=\"change\" type=\"submit\">更改密码 Change the password</button></form>"
                + "<p class=\"hint\">至少 " + SetupPassword.MIN_LENGTH + " 个字符，混合大写、小写、数字或符号中的三类（20 个字符以上不限）。"
                + "更改后其他会话全部退出。<br>At least " + SetupPassword.MIN_LENGTH + " characters with three of upper case, lower"
                + " case, digits and other characters (any kind from 20 characters). Every other session is logged out.</p>"
                + end();
    }

    private String frame(String path, String title, String csrfToken) {
        StringBuilder b = new StringBuilder(head(title));
        b.append("<body><header><span class=\"gateway\">").append(esc(gatewayId))
                .append(gatewayName.isEmpty() ? "" : " · " + esc(gatewayName)).append("</span><nav>");
        for (Nav n : NAV) {
            b.append("<a href=\"").append(n.path()).append("\"")
                    .append(n.path().equals(path) ? " class=\"current\"" : n.pending() ? " class=\"pending\"" : "")
                    .append(">").append(esc(n.label())).append("</a>");
        }
        b.append("</nav><form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"")
                .append(esc(csrfToken)).append("\"><button id=\"logout\" type=\"submit\">退出 Log out</button></form></header><main data-csrf=\"")
                .append(esc(csrfToken)).append("\">")
                .append("<h1>").append(esc(title)).append("</h1>");
        return b.toString();
    }

    private static String end() {
        return "</main><script src=\"/static/console.js\"></script></body></html>";
    }

    private String head(String title) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " – " + esc(gatewayId) + "</title>"
                + "<link rel=\"stylesheet\" href=\"/static/console.css\"></head>";
    }

    /** A plain error page for refused requests. */
    static String error(int status, String message) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + status + "</title>"
                + "<link rel=\"stylesheet\" href=\"/static/console.css\"></head><body><main><h1>" + status + "</h1><p id=\"error\">"
                + esc(message) + "</p><p><a href=\"/\">控制台 Console</a></p></main></body></html>";
    }
}
