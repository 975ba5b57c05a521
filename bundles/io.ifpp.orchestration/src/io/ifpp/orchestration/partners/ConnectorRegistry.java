package io.ifpp.orchestration.partners;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.ifpp.connector.api.ConnectorCommand;
import io.ifpp.connector.api.DownloadProgressEndpoint;
import io.ifpp.connector.api.OperatorConnector;
import io.ifpp.connector.api.PartnerSimulator;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.ProfileOrderingConnector;

/**
 * The one registry of partners, over the OSGi service registry: each integration bundle registers its connectors as
 * services (Declarative Services components, configured through Config Admin), so one installed, started or
 * configured while the product runs is available at once, and one stopped is gone, without a restart. The
 * simulators ({@link PartnerSimulator}) are listed apart: only simulated batches reach them.
 */
@Component(service = ConnectorRegistry.class, immediate = true)
public final class ConnectorRegistry {

    /** A connector by kind (personalization, profile-ordering, operator) and id. */
    public record Available(String kind, String id) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<PersonalizationConnector> personalization;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ProfileOrderingConnector> profileOrdering;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<OperatorConnector> operators;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<PartnerSimulator> simulators;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<DownloadProgressEndpoint> downloadProgressEndpoints;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ConnectorCommand> commands;

    /** The installed connectors, by kind and id: the partners of batches that are not simulated. */
    public List<Available> available() {
        List<Available> all = new ArrayList<>();
        personalization.forEach(c -> all.add(new Available("personalization", c.id())));
        profileOrdering.forEach(c -> all.add(new Available("profile-ordering", c.id())));
        operators.forEach(c -> all.add(new Available("operator", c.id())));
        all.sort(Comparator.comparing(Available::kind).thenComparing(Available::id));
        return all;
    }

    public Optional<PersonalizationConnector> personalization(String id) {
        return personalization.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<ProfileOrderingConnector> profileOrdering(String id) {
        return profileOrdering.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<OperatorConnector> operator(String id) {
        return operators.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The installed connector with this id, of any kind. */
    public Optional<Object> connector(String id) {
        return Stream.of(personalization(id), profileOrdering(id), operator(id)).flatMap(Optional::stream)
                .map(Object.class::cast).findFirst();
    }

    /** Waits up to {@code timeout} for an installed connector with this id; returns whether it is there. */
    public boolean awaitConnector(String id, Duration timeout) throws InterruptedException {
        return await(() -> connector(id).isPresent(), timeout);
    }

    /** The simulated partners installed, by kind ({@code simulated vendor}, {@code simulated SM-DP+}) and id. */
    public List<Available> simulated() {
        List<Available> all = new ArrayList<>();
        simulators.forEach(s -> s.vendorIds().forEach(id -> all.add(new Available("simulated vendor", id))));
        simulators.forEach(s -> s.smdpIds().forEach(id -> all.add(new Available("simulated SM-DP+", id))));
        all.sort(Comparator.comparing(Available::kind).thenComparing(Available::id));
        return all;
    }

    /** The simulator of a vendor line or SM-DP+ with this id. */
    public Optional<PartnerSimulator> simulator(String id) {
        return simulators.stream().filter(s -> s.vendorIds().contains(id) || s.smdpIds().contains(id)).findFirst();
    }

    /**
     * Waits up to {@code timeout} for the simulator of {@code id}: a product's bundles start side by side, so a
     * command run at once may come before the simulators' components are bound. Returns whether it is there.
     */
    public boolean awaitSimulator(String id, Duration timeout) throws InterruptedException {
        return await(() -> simulator(id).isPresent(), timeout);
    }

    /** The commands the installed connectors add to the product's command line. */
    public List<ConnectorCommand> commands() {
        return List.copyOf(commands);
    }

    /** Waits up to {@code timeout} for a connector to add the command {@code name} under {@code parent}. */
    public boolean awaitCommand(String parent, String name, Duration timeout) throws InterruptedException {
        return await(() -> commands.stream().anyMatch(c -> c.parent().equals(parent) && c.name().equals(name)),
                timeout);
    }

    private static boolean await(BooleanSupplier bound, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!bound.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Where SM-DP+s call back with their download progress, as the installed connectors serve it. */
    public List<DownloadProgressEndpoint> downloadProgressEndpoints() {
        return List.copyOf(downloadProgressEndpoints);
    }

    /** Every simulator installed. */
    public List<PartnerSimulator> simulators() {
        return List.copyOf(simulators);
    }
}
