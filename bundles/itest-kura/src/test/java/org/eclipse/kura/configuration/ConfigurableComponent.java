package org.eclipse.kura.configuration;

/**
 * Stands in for Eclipse Kura's marker interface of the same name (its API jar is not on Maven Central): Kura's
 * ConfigurationService tracks the services registered under it.
 */
public interface ConfigurableComponent {
}
