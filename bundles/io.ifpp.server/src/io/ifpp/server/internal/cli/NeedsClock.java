package io.ifpp.server.internal.cli;

import java.time.Clock;

/**
 * A command that judges dates, stamps records or issues certificates: it is handed the CLI's clock when created, so
 * that tests run it on a day they choose and nothing it decides depends on the day it runs.
 */
public interface NeedsClock {

    void clock(Clock clock);

    /** The usual implementation: the system clock until the CLI hands over its own. */
    abstract class Command implements NeedsClock {

        protected Clock clock = Clock.systemUTC();

        @Override
        public void clock(Clock given) {
            clock = given;
        }
    }
}
