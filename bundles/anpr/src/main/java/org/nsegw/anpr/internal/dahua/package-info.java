/**
 * Dahua: ITSAPI pushes ({@code TollgateInfo}, {@code KeepAlive}) and the snapshot subscription stream
 * ({@code snapManager.cgi?action=attachFileProc}). Pure: the receiver does the HTTP and hands over bytes.
 */
package org.nsegw.anpr.internal.dahua;
