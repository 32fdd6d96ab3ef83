package org.nsegw.site;

import java.util.Arrays;
import java.util.Optional;

/** The attribute types of the OSGi metatype specification, with the Java type a configuration value takes. */
public enum ValueType {
    STRING("String", String.class),
    LONG("Long", Long.class),
    INTEGER("Integer", Integer.class),
    SHORT("Short", Short.class),
    CHARACTER("Character", Character.class),
    BYTE("Byte", Byte.class),
    DOUBLE("Double", Double.class),
    FLOAT("Float", Float.class),
    BOOLEAN("Boolean", Boolean.class),
    /** A secret: stored as a String, never printed. */
    PASSWORD("Password", String.class);

    private final String xmlName;
    private final Class<?> javaType;

    ValueType(String xmlName, Class<?> javaType) {
        this.xmlName = xmlName;
        this.javaType = javaType;
    }

    public Class<?> javaType() {
        return javaType;
    }

    public boolean isWholeNumber() {
        return this == LONG || this == INTEGER || this == SHORT || this == BYTE;
    }

    public boolean isDecimal() {
        return this == DOUBLE || this == FLOAT;
    }

    /** How the type is named in messages: "an integer", "a number", "true or false"... */
    public String describe() {
        return switch (this) {
            case STRING, PASSWORD -> "text";
            case CHARACTER -> "a single character";
            case BOOLEAN -> "true or false";
            case DOUBLE, FLOAT -> "a number";
            default -> "a whole number";
        };
    }

    public static Optional<ValueType> ofXmlName(String name) {
        return Arrays.stream(values()).filter(t -> t.xmlName.equals(name)).findFirst();
    }
}
