package io.ifpp.ui.testing;

/** A condition a test waits for, as in SWTBot: tested outside the UI thread, repeatedly, until true or timeout. */
public interface ICondition {

    boolean test() throws Exception;

    /** Says what was expected, for the timeout message. */
    String getFailureMessage();
}
