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
            new Nav("/camera", "相机区域 Camera regions", true),
            new Nav("/connectivity", "连通测试 Connectivity", true),
            new Nav("/test-passage", "测试通行 Test passage", true),
            new Nav("/report", "调试报告 Commissioning report", false));

    private final String gatewayId;
    private final String gatewayName;

    Pages(String gatewayId, String gatewayName) {
        this.gatewayId = gatewayId;
        this.gatewayName = gatewayName;
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
                .append(esc(csrfToken)).append("\"><button id=\"logout\" type=\"submit\">退出 Log out</button></form></header><main>")
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
