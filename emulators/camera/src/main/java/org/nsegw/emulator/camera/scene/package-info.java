/**
 * Procedurally rendered site-exit scenes with their ground truth: {@link org.nsegw.emulator.camera.scene.SceneRenderer}
 * draws a {@link org.nsegw.emulator.camera.scene.SceneSpec}; {@link org.nsegw.emulator.camera.scene.Label} is the
 * sidecar JSON; {@link org.nsegw.emulator.camera.scene.CameraGeometry} the camera's fixed regions of interest.
 */
package org.nsegw.emulator.camera.scene;
