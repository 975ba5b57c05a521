/** Health checks that bundles contribute to the headless server's {@code /health} endpoint. */
package io.ifpp.core.health;
