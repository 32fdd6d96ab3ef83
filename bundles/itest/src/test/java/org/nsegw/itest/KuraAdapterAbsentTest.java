package org.nsegw.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** Without Eclipse Kura (no org.eclipse.kura.configuration package), the Kura adapter runs and registers nothing. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class KuraAdapterAbsentTest {

    @InjectBundleContext
    BundleContext context;

    @Test
    void theAdapterIsActiveAndOffersNothing(@InjectService ServiceComponentRuntime scr) throws Exception {
        Bundle kura = Arrays.stream(context.getBundles()).filter(b -> "org.nsegw.kura".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        assertThat(kura.getState()).isEqualTo(Bundle.ACTIVE);
        var component = scr.getComponentDescriptionDTO(kura, "org.nsegw.kura.internal.ConfigurableComponents");
        assertThat(component).isNotNull();
        assertThat(scr.getComponentConfigurationDTOs(component)).singleElement()
                .satisfies(c -> assertThat(c.state).isEqualTo(ComponentConfigurationDTO.ACTIVE));
        // active, yet no service of its own: neither ConfigurableComponent proxies nor its configuration listener
        assertThat(kura.getRegisteredServices()).isNullOrEmpty();
        assertThat(context.getAllServiceReferences("org.eclipse.kura.configuration.ConfigurableComponent", null)).isNull();
    }
}
