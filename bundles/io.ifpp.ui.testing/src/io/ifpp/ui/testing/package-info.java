/**
 * Small UI test support for IFPP Studio, written in SWTBot's idiom (SWTBot is not published on Maven Central).
 * <p>
 * Tests run outside the UI thread (tycho-surefire {@code useUIThread=false}) and drive the real workbench: every
 * query runs in the UI thread through {@link io.ifpp.ui.testing.UIThread}, every action sends real SWT events
 * ({@code notifyListeners}) asynchronously so that a modal dialog it opens does not block the test, and every lookup
 * waits up to {@link io.ifpp.ui.testing.Bot#timeout()} for its widget to appear. Shape mirrors SWTBot:
 *
 * <pre>
 * WorkbenchBot bot = new WorkbenchBot();
 * bot.menu("Help").menu("About IFPP Studio").click();
 * BotShell about = bot.shell("About IFPP Studio");
 * assertEquals("IFPP Studio", about.bot().labelWithId("about.name").getText());
 * about.bot().button("Close").click();
 * bot.waitUntil(Conditions.shellCloses(about));
 * </pre>
 *
 * Widgets are found by their visible text (mnemonics and accelerators removed), by tooltip, or by the id in their
 * {@link io.ifpp.ui.Widgets#ID_KEY} data.
 */
package io.ifpp.ui.testing;
