/**
 * The site-exit camera emulator: {@link org.nsegw.emulator.camera.SiteCameraEmulator} serves JPEG snapshots and an MJPEG
 * stream of the exit in step with the gate ANPR emulator ({@link org.nsegw.emulator.camera.ExitSchedule});
 * {@link org.nsegw.emulator.camera.Dataset} writes labelled stills for evaluation.
 */
package org.nsegw.emulator.camera;
