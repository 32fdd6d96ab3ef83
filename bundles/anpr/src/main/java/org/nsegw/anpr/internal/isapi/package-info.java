/**
 * Hikvision ISAPI: {@code EventNotificationAlert} pushes (XML or JSON, with picture parts) and the alert stream.
 * Pure: the receiver does the HTTP and hands over bytes.
 */
package org.nsegw.anpr.internal.isapi;
