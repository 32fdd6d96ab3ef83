package org.nsegw.rules.internal;

import org.nsegw.api.fusion.PassageFlag;
import org.nsegw.api.weigh.WeighFlag;

/** The flags of the weigh sensors and of fusion in the words of an explanation. */
final class FlagWords {

    private FlagWords() {
    }

    static String of(WeighFlag flag) {
        return switch (flag) {
            case SPEED_OUT_OF_RANGE -> "车速超出设备检定范围";
            case ACCELERATION -> "车辆在秤台上加速或制动";
            case PARTIAL_VEHICLE -> "并非所有车轴都通过了全部传感器";
            case LANE_CHANGE -> "车辆在秤台上变道或骑线";
            case MOTION -> "秤的读数不稳定";
            case OVERLOAD -> "载荷超出传感器量程";
            case NEGATIVE -> "秤报告负重量";
        };
    }

    static String of(PassageFlag flag) {
        return switch (flag) {
            case NO_PLATE -> "未识别到号牌";
            case AMBIGUOUS_READ -> "有号牌识别结果可能属于相邻车辆，未采用";
            case PLATES_DISAGREE -> "同一车辆的号牌识别结果不一致";
            case STRADDLING -> "车辆骑跨两条车道，由两台称重设备分别称重";
            case TAILGATING -> "车辆跟车过近，号牌可能属于前后车辆";
            case NO_WEIGHT -> "号牌识别无对应称重记录";
            case DEVICE_FAULT -> "过车时有设备离线或故障";
            case TEST -> "测试通行，非真实车辆";
        };
    }
}
