package io.ifpp.server.internal.connectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.ifpp.connector.api.OperatorConnector;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.ProfileOrderingConnector;

/**
 * The connectors installed now: each integration bundle registers its connectors as services, so one installed or
 * started while the server runs is available at once, and one stopped is gone, without a restart.
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
}
