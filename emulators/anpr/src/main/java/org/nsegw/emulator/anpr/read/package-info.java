/**
 * What a camera sees and reads, pure: when each vehicle's plate passes a camera, and the camera's recognition of it
 * with its faults (misses, look-alike misreads, low confidence, colour words, duplicates, a clock offset).
 */
package org.nsegw.emulator.anpr.read;
