package io.ifpp.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;

import io.ifpp.core.ProductInfo;

class ProductInfoTest {

    @Test
    void versionIsTheCoreBundleVersionInsideOsgi() {
        Bundle core = FrameworkUtil.getBundle(ProductInfo.class);
        assertEquals("io.ifpp.core", core.getSymbolicName(), "ProductInfo must be loaded from the core bundle");
        assertEquals(core.getVersion(), ProductInfo.version());
        assertTrue(ProductInfo.version().compareTo(new Version(0, 1, 0)) >= 0, ProductInfo.version().toString());
    }

    @Test
    void describeNamesTheProductAndTheVersionPeopleQuote() {
        Version v = ProductInfo.version();
        String expectedShort = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        assertEquals(expectedShort, ProductInfo.shortVersion());
        assertTrue(ProductInfo.describe().startsWith("IFPP Studio " + expectedShort), ProductInfo.describe());
        assertTrue(ProductInfo.describe().contains("(build " + v.getQualifier() + ")"), ProductInfo.describe());
    }
}
