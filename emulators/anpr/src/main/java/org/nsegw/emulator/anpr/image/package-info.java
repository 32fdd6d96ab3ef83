/** The pictures of a read, drawn headless: a scene of about 150 KB and a plate close-up, the same for the same seed. */
package org.nsegw.emulator.anpr.image;
