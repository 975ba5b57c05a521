package io.ifpp.server.internal.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

import io.ifpp.server.internal.DataDirectory;
import io.ifpp.server.internal.rest.ApiTokens;
import io.ifpp.server.internal.rest.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ifpp token create|list|revoke}: the REST API's bearer tokens, stored hashed in the data directory. */
@Command(name = "token", description = "Bearer tokens of the REST API (stored hashed; a running server sees changes).",
        subcommands = { TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class })
final class TokenCommand {

    static ApiTokens tokens() throws InterruptedException {
        return new ApiTokens(DataDirectory.path(), Clock.systemUTC());
    }

    @Command(name = "create", description = "Make a token for a role and print it once (it is not stored).")
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--role", required = true, description = "architect, operator, auditor, or smdp (an SM-DP+: its ES2+ notifications only).")
        String role;

        @Option(names = "--name", description = "What the token is for, shown in the audit log (default: ROLE-N).")
        String name;

        @Override
        public Integer call() throws Exception {
            Role granted = Role.of(role);
            ApiTokens tokens = tokens();
            String tokenName = name;
            if (tokenName == null) {
                int n = 1;
                while (true) {
                    String candidate = granted.id() + "-" + n;
                    if (tokens.list().stream().noneMatch(t -> t.name().equals(candidate))) {
                        tokenName = candidate;
                        break;
                    }
                    n++;
                }
            }
            ApiTokens.NewToken created = tokens.create(tokenName, granted);
            PrintWriter out = spec.commandLine().getOut();
            out.println(created.token());
            spec.commandLine().getErr().println("token '" + created.name() + "' (" + granted.id() + ") made; it is "
                    + "shown only now: use it as 'Authorization: Bearer <token>'");
            return 0;
        }
    }

    @Command(name = "list", description = "Names and roles of the tokens (never the tokens).")
    static final class ListTokens implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            for (ApiTokens.StoredToken token : tokens().list()) {
                out.println(token.name() + "\t" + token.role() + "\tcreated " + token.createdAt());
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Remove a token; requests with it are refused from then on.")
    static final class Revoke implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The token's name.")
        String name;

        @Override
        public Integer call() throws Exception {
            if (!tokens().revoke(name)) {
                spec.commandLine().getErr().println("no token named " + name);
                return IfppCli.EXIT_FAILURE;
            }
            spec.commandLine().getOut().println("token " + name + " revoked");
            return 0;
        }
    }
}
