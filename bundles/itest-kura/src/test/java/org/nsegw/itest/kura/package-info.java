/** The deployment packages installed into what Eclipse Kura 5.0 runs, with Kura's ConfigurableComponent interface. */
package org.nsegw.itest.kura;
