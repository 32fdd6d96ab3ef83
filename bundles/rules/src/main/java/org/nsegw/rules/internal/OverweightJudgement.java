package org.nsegw.rules.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.nsegw.api.anpr.PlateRead;
import org.nsegw.api.device.Verification;
import org.nsegw.api.fusion.Passage;
import org.nsegw.api.weigh.Axle;
import org.nsegw.api.weigh.WeighFlag;
import org.nsegw.api.weigh.WeighRecord;
import org.nsegw.rules.internal.Findings.Level;

/** Judges a passage's weigh record against the Art. 3 and the posted limits, with the tolerance. */
final class OverweightJudgement {

    static final String POSTED_LEGAL_BASIS = "《超限运输车辆行驶公路管理规定》第二十七条";
    static final String VERIFICATION_LEGAL_BASIS = "《中华人民共和国行政处罚法》第四十一条";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final OverweightSettings settings;
    private final ZoneId zone;

    OverweightJudgement(OverweightSettings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    /** The findings on the passage's weight; none when it has no weigh record. */
    Findings judge(Passage passage) {
        Findings out = new Findings();
        WeighRecord weigh = passage.weigh();
        if (weigh == null) {
            return out;
        }
        int gross = weigh.grossWeightKg();
        StatutoryLimit statutory = StatutoryLimit.of(passage, weigh);
        Optional<BigDecimal> tolerance = tolerance(weigh);
        String measured = statutory.vehicle() + "，车货总质量" + Format.kg(gross);
        String record = record(passage, weigh, statutory);
        List<String> breached = new ArrayList<>();

        if (tolerance.isPresent()) {
            BigDecimal tol = tolerance.get();
            String tolText = toleranceText(weigh, tol);
            judgeStatutory(out, breached, gross, statutory, tol, tolText, measured, record);
            OptionalInt posted = settings.postedLimitKg(passage.lane());
            if (posted.isPresent()) {
                int limit = posted.getAsInt();
                String limitText = "车道" + passage.lane() + "限载" + Format.kg(limit);
                String what = limitText + "（第二十七条）";
                if (gross > permittedKg(limit, tol)) {
                    out.add(Level.BREACH, "OVERWEIGHT_POSTED", POSTED_LEGAL_BASIS, measured + "，" + what + "，"
                            + tolText + "（" + product(limit, tol) + "），" + excess(gross, limit) + "；" + record);
                    breached.add(limitText + "（" + excess(gross, limit) + "）");
                } else if (gross > limit) {
                    out.add(Level.NOTE, "WITHIN_TOLERANCE", POSTED_LEGAL_BASIS, measured + "，超过" + what
                            + "，但未超过" + tolText + "后的" + product(limit, tol) + "，不认定超限");
                }
            }
        } else {
            int lowest = lowestLimit(passage, statutory);
            boolean over = gross > lowest;
            out.add(over ? Level.UNSURE : Level.NOTE, "UNKNOWN_ACCURACY_CLASS", "",
                    "称重设备" + weigh.deviceId() + "的准确度等级“" + weigh.accuracyClass()
                            + "”无法识别（应为JJG 907等级如5，或COST 323等级A(5)、B+(7)、B(10)、C(15)），容差无法确定；"
                            + measured + (over ? "，超过限值" + Format.kg(lowest) + "，需人工审核" : "，未超过任何限值")
                            + "。请在设备配置中更正准确度等级，或在limits中设置tolerancePercent；" + record);
        }
        if (out.size() == 0) {
            StringJoiner limits = new StringJoiner("，");
            limits.add("第三条限值" + Format.kg(statutory.lowKg()));
            settings.postedLimitKg(passage.lane()).ifPresent(l -> limits.add("车道" + passage.lane() + "限载" + Format.kg(l)));
            out.add(Level.NOTE, "WITHIN_LIMITS", "", measured + "，未超过" + limits + "；" + record);
        }
        boolean weightMatters = out.atStake("");
        Optional<Problem> problem = verification(passage, weigh);
        if (problem.isPresent()) {
            // no overweight case from an unverified device: what would have been one goes to review
            out.demoteBreaches();
            out.add(weightMatters ? Level.UNSURE : Level.NOTE, problem.get().code(), VERIFICATION_LEGAL_BASIS,
                    problem.get().text() + (weightMatters ? "；本次" + measured + "，上列超限结果不作为案件，转人工审核" : ""));
        } else if (weightMatters && passage.hasPlate()) {
            corroboration(out, passage, measured, breached);
        }
        for (WeighFlag flag : weigh.flags()) {
            out.add(Level.DOUBT, "WEIGH_FLAG_" + flag, "", "称重结果存疑：" + FlagWords.of(flag) + "（称重设备"
                    + weigh.deviceId() + "），" + measured + "，需人工审核");
        }
        return out;
    }

    private void judgeStatutory(Findings out, List<String> breached, int gross, StatutoryLimit statutory,
            BigDecimal tol, String tolText, String measured, String record) {
        int low = statutory.lowKg();
        int high = statutory.highKg();
        if (gross > permittedKg(high, tol)) {
            String doubt = statutory.certain() ? ""
                    : "（" + String.join("；", statutory.doubts()) + "；按有利于当事人的较高限值认定）";
            out.add(Level.BREACH, "OVERWEIGHT_STATUTORY", StatutoryLimits.LEGAL_BASIS, measured + "，第三条限值"
                    + Format.kg(high) + doubt + "，" + tolText + "（" + product(high, tol) + "），" + excess(gross, high)
                    + "；" + record);
            breached.add("第三条限值" + Format.kg(high) + "（" + excess(gross, high) + "）");
        } else if (gross > permittedKg(low, tol)) {
            out.add(Level.UNSURE, "STATUTORY_LIMIT_UNCERTAIN", StatutoryLimits.LEGAL_BASIS, measured + "，第三条限值无法确定（"
                    + Format.kg(low) + "至" + Format.kg(high) + "）：" + String.join("；", statutory.doubts()) + "；超过"
                    + product(low, tol) + "，未超过" + product(high, tol) + "，需人工核实后认定；" + record);
        } else if (gross > low) {
            out.add(Level.NOTE, "WITHIN_TOLERANCE", StatutoryLimits.LEGAL_BASIS, measured + "，超过第三条限值"
                    + Format.kg(low) + "，但未超过" + tolText + "后的" + product(low, tol) + "，不认定超限");
        }
    }

    /**
     * A settled plate that fewer cameras read than the site wants for a case: the plate rests on a read nothing confirms
     * (a camera's misread into another valid plate looks just like it), so what would be a case goes to review. Only
     * reads of exactly the settled plate count, each camera once: a trailer's 挂 plate is another plate, and a camera
     * triggered twice repeats its own misread.
     */
    private void corroboration(Findings out, Passage passage, String measured, List<String> breached) {
        Set<String> cameras = new TreeSet<>();
        int reads = 0;
        for (PlateRead r : passage.plates()) {
            if (r.isReadable() && r.plate().equals(passage.plate())) {
                cameras.add(r.cameraId());
                reads++;
            }
        }
        int needed = settings.plateReadsForCase();
        if (cameras.size() >= needed) {
            return;
        }
        StringBuilder s = new StringBuilder("号牌").append(passage.plate());
        if (cameras.isEmpty()) {
            s.append("无摄像机识别记录");
        } else {
            s.append("仅由").append(String.join("、", cameras)).append("识别").append(reads == 1 ? "一次" : "")
                    .append(reads > cameras.size() ? "（同一摄像机重复识别不作印证）" : "");
        }
        s.append("，无其他识别印证（本站立案需").append(needed).append("台摄像机识别一致）");
        if (!passage.trailerPlate().isEmpty()) {
            s.append("；挂车号牌").append(passage.trailerPlate()).append("不能印证牵引车号牌");
        }
        s.append("；本次").append(measured);
        if (breached.isEmpty()) {
            s.append("，需人工核对号牌并审核上列结果");
        } else {
            s.append("，超过").append(String.join("、", breached)).append("，属疑似超限，需人工核对号牌后立案");
        }
        out.demoteBreaches();
        out.add(Level.UNSURE, "PLATE_UNCORROBORATED", "", s.toString());
    }

    /**
     * The heaviest weight that is not a violation of {@code limitKg}: limit × (1 + tolerance/100), computed exactly in
     * decimal and rounded down to the kilogram. A gross weight above it is a violation.
     */
    static int permittedKg(int limitKg, BigDecimal tolerancePercent) {
        return exactPermitted(limitKg, tolerancePercent).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    private static BigDecimal exactPermitted(int limitKg, BigDecimal tolerancePercent) {
        return BigDecimal.valueOf(limitKg).multiply(factor(tolerancePercent));
    }

    private static BigDecimal factor(BigDecimal tolerancePercent) {
        return BigDecimal.ONE.add(tolerancePercent.movePointLeft(2));
    }

    /** The over-weight against the limit itself (not limit + tolerance) and the over-rate, one decimal, half up. */
    static String excess(int grossKg, int limitKg) {
        int over = grossKg - limitKg;
        BigDecimal rate = BigDecimal.valueOf(over * 100L).divide(BigDecimal.valueOf(limitKg), 1, RoundingMode.HALF_UP);
        return "超限" + Format.kg(over) + "，超限率" + Format.rate(rate);
    }

    private static String product(int limitKg, BigDecimal tol) {
        return Format.kg(limitKg) + "×" + Format.plain(factor(tol)) + "=" + Format.kg(exactPermitted(limitKg, tol));
    }

    private String toleranceText(WeighRecord weigh, BigDecimal tol) {
        return "容差" + Format.plain(tol) + "%"
                + (settings.toleranceFromAccuracyClass() ? "（按设备准确度等级" + weigh.accuracyClass() + "）" : "");
    }

    private Optional<BigDecimal> tolerance(WeighRecord weigh) {
        return settings.toleranceFromAccuracyClass()
                ? AccuracyClass.grossTolerancePercent(weigh.accuracyClass())
                : Optional.of(BigDecimal.valueOf(settings.tolerancePercent()));
    }

    private int lowestLimit(Passage passage, StatutoryLimit statutory) {
        OptionalInt posted = settings.postedLimitKg(passage.lane());
        return posted.isPresent() ? Math.min(posted.getAsInt(), statutory.lowKg()) : statutory.lowKg();
    }

    private static final Instant EARLIEST = LocalDateTime.MIN.plusDays(1).toInstant(ZoneOffset.UTC);
    private static final Instant LATEST = LocalDateTime.MAX.minusDays(1).toInstant(ZoneOffset.UTC);

    /**
     * The time in the site's zone. An Instant reaches further than a date-time; a passage time beyond that (only a
     * corrupt record has one) is held at the limit, so that judging never throws.
     */
    static ZonedDateTime siteTime(Instant time, ZoneId zone) {
        Instant held = time.isBefore(EARLIEST) ? EARLIEST : time.isAfter(LATEST) ? LATEST : time;
        return held.atZone(zone);
    }

    record Problem(String code, String text) {
    }

    /** What is wrong with the device's verification on the passage's day (in the site's zone); empty when valid. */
    Optional<Problem> verification(Passage passage, WeighRecord weigh) {
        LocalDate day = siteTime(passage.time(), zone).toLocalDate();
        Verification v = weigh.verification();
        if (v == null) {
            return Optional.of(new Problem("VERIFICATION_MISSING", "称重设备" + weigh.deviceId()
                    + "无检定证书记录，其称重结果不能作为处罚依据"));
        }
        if (!v.isValidOn(day)) {
            return Optional.of(new Problem("VERIFICATION_EXPIRED", "称重设备" + weigh.deviceId() + "检定证书"
                    + v.certificateId() + "有效期至" + v.expires() + "，过车日期" + day + "已过期，其称重结果不能作为处罚依据"));
        }
        return Optional.empty();
    }

    /** Axle loads, the device and its certificate, and how the limit was derived: the record behind the numbers. */
    private String record(Passage passage, WeighRecord weigh, StatutoryLimit statutory) {
        StringBuilder s = new StringBuilder();
        s.append(String.join("；", statutory.notes()));
        if (!weigh.axles().isEmpty()) {
            StringJoiner loads = new StringJoiner("/", "；轴重", " kg（轴重仅记录，不作判定）");
            for (Axle a : weigh.axles()) {
                loads.add(Format.grouped(a.loadKg()));
            }
            s.append(loads);
        }
        s.append("；称重设备").append(weigh.deviceId()).append("，车道").append(passage.lane()).append("，")
                .append(TIME.format(siteTime(passage.time(), zone)));
        Verification v = weigh.verification();
        if (v != null) {
            s.append("，检定证书").append(v.certificateId()).append("（有效期至").append(v.expires()).append("）");
        }
        if (!passage.plate().isEmpty()) {
            s.append("，号牌").append(passage.plate());
        }
        return s.toString();
    }
}
