package io.ifpp.server.internal.connectors;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.engine.ProvisioningContext;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.ProfileChangeOperation;
import org.eclipse.equinox.p2.operations.ProvisioningJob;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.UninstallOperation;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;

/**
 * Installs and uninstalls connector features in this installation through p2's operations API, on the profile the
 * product was materialized with ({@link IProfileRegistry#SELF}). p2 writes the bundles of the change into
 * {@code bundles.info}; a running server applies that file ({@link InstallationChanges}), every later process starts
 * with it.
 */
public final class ConnectorInstaller {

    private static final String FEATURE_GROUP = ".feature.group";

    /** An install, uninstall or listing that p2 could not do; the message says what, where and why. */
    public static final class InstallRefused extends Exception {
        private static final long serialVersionUID = 1L;

        InstallRefused(String message) {
            super(message);
        }
    }

    /** A feature of a repository: its id (without p2's ".feature.group"), version, name and whether it is installed. */
    public record Feature(String id, String version, String name, boolean installed) {
    }

    private final IProvisioningAgent agent;

    private ConnectorInstaller(IProvisioningAgent agent) {
        this.agent = agent;
    }

    /** The installer of the running installation (p2's current agent, from {@code eclipse.p2.data.area}). */
    public static ConnectorInstaller ofRunningInstallation(IProvisioningAgentProvider provider) throws InstallRefused {
        try {
            ConnectorInstaller installer = new ConnectorInstaller(provider.createAgent(null));
            installer.profile();
            return installer;
        } catch (ProvisionException e) {
            throw new InstallRefused("this installation has no p2 data area (" + e.getStatus().getMessage()
                    + "); connectors install only into a product built with p2");
        }
    }

    /** The features of {@code repository}, marked when installed here. */
    public List<Feature> available(URI repository, IProgressMonitor monitor) throws InstallRefused {
        IMetadataRepository metadata = load(repository, monitor);
        IProfile profile = profile();
        List<Feature> features = new ArrayList<>();
        for (IInstallableUnit unit : metadata.query(QueryUtil.createLatestQuery(QueryUtil.createIUGroupQuery()),
                monitor)) {
            if (!unit.getId().endsWith(FEATURE_GROUP)) {
                continue; // a product or category-less group, not a feature
            }
            boolean installed = !profile.query(QueryUtil.createIUQuery(unit.getId()), monitor).isEmpty();
            features.add(new Feature(featureId(unit), unit.getVersion().toString(),
                    unit.getProperty(IInstallableUnit.PROP_NAME, null), installed));
        }
        features.sort(Comparator.comparing(Feature::id));
        return features;
    }

    /**
     * Installs the newest version of each feature from {@code repository}, with what it requires and this
     * installation lacks; an unknown feature is refused before anything changes.
     */
    public void install(URI repository, List<String> featureIds, IProgressMonitor monitor) throws InstallRefused {
        IMetadataRepository metadata = load(repository, monitor);
        Set<IInstallableUnit> units = new LinkedHashSet<>();
        for (String feature : featureIds) {
            var found = metadata.query(QueryUtil.createLatestQuery(QueryUtil.createIUQuery(groupId(feature))),
                    monitor);
            if (found.isEmpty()) {
                throw new InstallRefused("no feature '" + featureId(feature) + "' in " + repository + " (it has: "
                        + String.join(", ", available(repository, monitor).stream().map(Feature::id).toList())
                        + ")");
            }
            units.add(found.iterator().next());
        }
        InstallOperation operation = new InstallOperation(new ProvisioningSession(agent), units);
        ProvisioningContext context = new ProvisioningContext(agent);
        context.setMetadataRepositories(repository);
        context.setArtifactRepositories(repository);
        operation.setProvisioningContext(context);
        run(operation, "install " + String.join(", ", featureIds.stream().map(ConnectorInstaller::featureId).toList())
                + " from " + repository, monitor);
    }

    /**
     * Uninstalls features installed with {@link #install}; a feature of the product itself (not a root of the
     * profile) or one not installed is refused.
     */
    public void uninstall(List<String> featureIds, IProgressMonitor monitor) throws InstallRefused {
        IProfile profile = profile();
        Set<IInstallableUnit> units = new LinkedHashSet<>();
        for (String feature : featureIds) {
            var found = profile.query(QueryUtil.createIUQuery(groupId(feature)), monitor);
            if (found.isEmpty()) {
                throw new InstallRefused("feature '" + featureId(feature) + "' is not installed (installed with "
                        + "'ifpp connectors install': " + String.join(", ", installed(monitor)) + ")");
            }
            IInstallableUnit unit = found.iterator().next();
            if (!Boolean.parseBoolean(profile.getInstallableUnitProperty(unit, IProfile.PROP_PROFILE_ROOT_IU))) {
                throw new InstallRefused("feature '" + featureId(feature) + "' is part of the product, not a "
                        + "connector installed with 'ifpp connectors install'; it cannot be uninstalled alone");
            }
            units.add(unit);
        }
        run(new UninstallOperation(new ProvisioningSession(agent), units),
                "uninstall " + String.join(", ", featureIds.stream().map(ConnectorInstaller::featureId).toList()),
                monitor);
    }

    /** The features installed with {@link #install} (roots of the profile other than the product). */
    public Set<String> installed(IProgressMonitor monitor) throws InstallRefused {
        IProfile profile = profile();
        Set<String> roots = new TreeSet<>();
        for (IInstallableUnit unit : profile.query(QueryUtil.createIUGroupQuery(), monitor)) {
            if (unit.getId().endsWith(FEATURE_GROUP)
                    && Boolean.parseBoolean(profile.getInstallableUnitProperty(unit, IProfile.PROP_PROFILE_ROOT_IU))) {
                roots.add(featureId(unit));
            }
        }
        return roots;
    }

    private void run(ProfileChangeOperation operation, String what, IProgressMonitor monitor) throws InstallRefused {
        operation.setProfileId(IProfileRegistry.SELF);
        IStatus resolved = operation.resolveModal(monitor);
        ProvisioningJob job = resolved.matches(IStatus.ERROR | IStatus.CANCEL) || !operation.hasResolved() ? null
                : operation.getProvisioningJob(monitor);
        if (job == null) {
            throw new InstallRefused("cannot " + what + ": " + details(resolved)
                    + (operation.getResolutionDetails() == null ? "" : "\n" + operation.getResolutionDetails()));
        }
        IStatus done = job.runModal(monitor);
        if (done.matches(IStatus.ERROR | IStatus.CANCEL)) {
            throw new InstallRefused("could not " + what + ": " + details(done));
        }
    }

    private IMetadataRepository load(URI repository, IProgressMonitor monitor) throws InstallRefused {
        IMetadataRepositoryManager manager = agent.getService(IMetadataRepositoryManager.class);
        try {
            return manager.loadRepository(repository, monitor);
        } catch (ProvisionException e) {
            throw new InstallRefused("cannot read the p2 repository " + repository + ": " + details(e.getStatus()));
        } finally {
            manager.removeRepository(repository); // not remembered: each command names its repository
        }
    }

    private IProfile profile() throws InstallRefused {
        IProfile profile = agent.getService(IProfileRegistry.class).getProfile(IProfileRegistry.SELF);
        if (profile == null) {
            throw new InstallRefused("this installation's p2 profile is not found (eclipse.p2.profile in "
                    + "configuration/config.ini); connectors install only into a product built with p2");
        }
        return profile;
    }

    /** A status and its children's messages, one line. */
    static String details(IStatus status) {
        StringBuilder text = new StringBuilder(status.getMessage());
        for (IStatus child : status.getChildren()) {
            if (!child.isOK()) {
                text.append("; ").append(details(child));
            }
        }
        return text.toString();
    }

    private static String groupId(String feature) {
        return feature.endsWith(FEATURE_GROUP) ? feature : feature + FEATURE_GROUP;
    }

    private static String featureId(IInstallableUnit unit) {
        return featureId(unit.getId());
    }

    private static String featureId(String id) {
        return id.endsWith(FEATURE_GROUP) ? id.substring(0, id.length() - FEATURE_GROUP.length()) : id;
    }
}
