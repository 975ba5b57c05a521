package io.ifpp.core;

import java.util.Objects;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;

/**
 * Name and version of the IFPP Studio suite, shown by the workbench's About dialog, the CLI's {@code version} command
 * and the server's health endpoint, so all three always agree.
 */
public final class ProductInfo {

    public static final String NAME = "IFPP Studio";

    private ProductInfo() {
    }

    /** The suite version, which is the version of this core bundle (e.g. {@code 0.1.0.v20261124-0530}). */
    public static Version version() {
        Bundle core = FrameworkUtil.getBundle(ProductInfo.class);
        if (core == null) {
            // Outside OSGi (plain unit runs) there is no bundle to ask.
            return Version.emptyVersion;
        }
        return core.getVersion();
    }

    /** The version without its build qualifier, as people quote it: {@code 0.1.0}. */
    public static String shortVersion() {
        Version v = version();
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }

    /** One line for banners and {@code version}: {@code IFPP Studio 0.1.0 (build v20261124-0530)}. */
    public static String describe() {
        Version v = version();
        String qualifier = Objects.requireNonNullElse(v.getQualifier(), "");
        return NAME + " " + shortVersion() + (qualifier.isEmpty() ? "" : " (build " + qualifier + ")");
    }
}
