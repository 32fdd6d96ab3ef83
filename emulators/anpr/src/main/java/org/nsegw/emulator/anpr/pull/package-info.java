/** The event streams cameras serve to clients that pull: ISAPI alertStream and Dahua snapManager attachFileProc. */
package org.nsegw.emulator.anpr.pull;
