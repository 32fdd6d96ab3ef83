package org.nsegw.api.device;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where device components report their status. The gateway keeps the latest status of each device,
 * shows it in {@code nsegw status} and will send it to the platform.
 */
@ProviderType
public interface DeviceStatusBoard {

    /** Records {@code status} as the device's current status, replacing any earlier one. */
    void report(DeviceStatus status);

    /** Forgets a device, for example when it has been removed from the site configuration. */
    void remove(String deviceId);

    /** The latest status of every device, ordered by device id. */
    List<DeviceStatus> devices();
}
