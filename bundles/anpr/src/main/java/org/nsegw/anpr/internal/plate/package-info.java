/**
 * Chinese plates (GA 36-2018): a camera's plate text normalised to a plate, its kind and colour, or unreadable with
 * the reason. Pure and total; nothing is ever corrected into a different plate.
 */
package org.nsegw.anpr.internal.plate;
