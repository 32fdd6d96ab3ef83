/** Integration tests that run inside a real OSGi framework (Felix, and Equinox as in Eclipse Kura). */
package org.nsegw.itest;
