package io.ifpp.orchestration.partners;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import io.ifpp.core.AtomicFiles;
import io.ifpp.core.SettingRefused;

/**
 * Connectors' configuration files: {@code <data>/connectors/<type>-<id>.cfg}, one per configured partner, where the
 * type is the factory PID of the connector's configuration (e.g. {@code io.ifpp.connector.es2plus}). Apache Felix
 * File Install feeds the folder to Config Admin, so a file written, changed or deleted while a product runs is
 * applied within a second, by every process that watches the folder (a server, and each {@code ifpp} command). A
 * file is checked against the connector's metatype when {@code ifpp connectors configure} writes it; secrets are
 * never written there (a connector reads them from a key store, a file or the environment it names).
 */
public final class ConnectorConfigurations {

    public static final String FOLDER = "connectors";
    static final String FILE_INSTALL = "org.apache.felix.fileinstall";
    private static final String SUFFIX = ".cfg";
    private static final String ID = "id";
    private static final Set<Path> WATCHED = new HashSet<>();
    /** The property File Install gives each configuration it makes: the URI of its file. */
    private static final String FILE_NAME = "felix.fileinstall.filename";
    private static final String NOT_APPLIED = "not applied yet";
    private static final String READY = "ready (made when first used)";
    private static final String NOT_INSTALLED_PREFIX = "not installed: no connector of type ";
    private static final String CHANGING_PREFIX = "not active (state ";
    /** How long a type may be missing while a bundle just installed or started registers its components. */
    private static final Duration INSTALLING = Duration.ofSeconds(2);

    /** A setting refused, naming it ({@code type}, {@code id} or a key of the connector's configuration). */
    public static final class Refusal extends SettingRefused {

        private static final long serialVersionUID = 1L;

        Refusal(String setting, String message) {
            super(setting, message);
        }
    }

    /** A connector configured by a file: its id, its type (factory PID) and the file. */
    public record Configured(String id, String type, Path file) {
    }

    private final Path folder;
    private final BundleContext context;

    private ConnectorConfigurations(Path folder) {
        this.folder = folder;
        this.context = FrameworkUtil.getBundle(ConnectorConfigurations.class).getBundleContext();
    }

    /** The configurations of the data directory {@code data}. */
    public static ConnectorConfigurations of(Path data) {
        return new ConnectorConfigurations(data.resolve(FOLDER));
    }

    public Path folder() {
        return folder;
    }

    /**
     * Has File Install apply the folder's files in this process: the first folder of a process is File Install's own
     * (given as it starts), further ones are watchers configured through Config Admin.
     */
    public void watch() throws IOException, BundleException {
        Files.createDirectories(folder);
        Bundle fileInstall = Arrays.stream(context.getBundles()).filter(b -> FILE_INSTALL.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new IllegalStateException("Apache Felix File Install (" + FILE_INSTALL
                        + ") is not installed, so connectors' configuration files in " + folder + " are not read"));
        Map<String, String> watcher = new LinkedHashMap<>();
        watcher.put("felix.fileinstall.dir", folder.toAbsolutePath().toString());
        watcher.put("felix.fileinstall.filter", ".*\\" + SUFFIX);
        watcher.put("felix.fileinstall.poll", "1000");
        watcher.put("felix.fileinstall.noInitialDelay", "true");
        // The files are what people and 'ifpp connectors configure' write: nothing is written back into them.
        watcher.put("felix.fileinstall.enableConfigSave", "false");
        synchronized (WATCHED) {
            if (!WATCHED.add(folder.toAbsolutePath())) {
                return;
            }
            ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
            if (reference == null) {
                throw new IllegalStateException("Config Admin is not running, so connectors cannot be configured");
            }
            ConfigurationAdmin configurations = context.getService(reference);
            try {
                if (fileInstall.getState() != Bundle.ACTIVE) {
                    forgetOtherFolders(configurations);
                    // File Install's first watcher is given by properties, which it reads as it starts.
                    watcher.forEach(System::setProperty);
                    fileInstall.start(Bundle.START_TRANSIENT);
                    return;
                }
                Configuration configuration = configurations.getFactoryConfiguration(FILE_INSTALL,
                        Integer.toHexString(folder.toAbsolutePath().hashCode()), "?");
                configuration.update(new Hashtable<>(watcher));
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException("the filter of File Install's configurations is malformed", e);
            } finally {
                context.ungetService(reference);
            }
        }
    }

    /**
     * Config Admin keeps configurations in the product's configuration area, which every data directory of an
     * installation shares: those File Install made from another folder's files (another data directory's, or files
     * since removed) are not this process's connectors, and are dropped before File Install reads this folder.
     */
    private void forgetOtherFolders(ConfigurationAdmin configurations) throws IOException, InvalidSyntaxException {
        Configuration[] made = configurations.listConfigurations("(" + FILE_NAME + "=*)");
        for (Configuration configuration : made == null ? new Configuration[0] : made) {
            Object name = configuration.getProperties() == null ? null : configuration.getProperties().get(FILE_NAME);
            Path file;
            try {
                file = Path.of(URI.create(String.valueOf(name)));
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                file = null;
            }
            if (file == null || !file.toAbsolutePath().startsWith(folder.toAbsolutePath())) {
                configuration.delete();
            }
        }
    }

    /** The connectors configured by files in the folder, by id. */
    public List<Configured> configured() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Configured> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                int dash = name.indexOf('-');
                if (name.endsWith(SUFFIX) && dash > 0) {
                    all.add(new Configured(name.substring(dash + 1, name.length() - SUFFIX.length()),
                            name.substring(0, dash), file));
                }
            }
        }
        return all;
    }

    public Optional<Configured> configured(String id) throws IOException {
        return configured().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The connector types installed, by factory PID: what their configuration holds, from their metatype. */
    public Map<String, ObjectClassDefinition> types() {
        Map<String, ObjectClassDefinition> types = new TreeMap<>();
        ServiceReference<MetaTypeService> reference = context.getServiceReference(MetaTypeService.class);
        if (reference == null) {
            throw new IllegalStateException("the metatype service (org.apache.felix.metatype) is not running, so "
                    + "connectors' settings cannot be checked");
        }
        MetaTypeService metatypes = context.getService(reference);
        try {
            for (Bundle bundle : context.getBundles()) {
                MetaTypeInformation information = metatypes.getMetaTypeInformation(bundle);
                if (information == null) {
                    continue;
                }
                for (String factoryPid : information.getFactoryPids()) {
                    if (!factoryPid.startsWith("org.apache.felix.")) { // File Install's own watchers
                        types.put(factoryPid, information.getObjectClassDefinition(factoryPid, null));
                    }
                }
            }
        } finally {
            context.ungetService(reference);
        }
        return types;
    }

    /**
     * Writes the configuration of connector {@code id}: its file's settings (if any), then {@code unset} removed and
     * {@code set} applied, checked against the type's metatype: every setting known, of its type and range, none a
     * secret, every required one given. Refused, naming the setting, with nothing written.
     *
     * @param type the factory PID; null to keep the existing file's
     * @return the file written
     */
    public Path configure(String id, String type, Map<String, String> set, Set<String> unset) throws IOException {
        Prepared prepared = prepare(id, type, set, unset);
        Files.createDirectories(folder);
        String text = text(prepared.type(), id, prepared.values());
        AtomicFiles.write(prepared.file(), text.getBytes(StandardCharsets.UTF_8));
        return prepared.file();
    }

    /**
     * Checks what {@link #configure} would write, refusing as it does, and writes nothing: for a caller that must
     * do something of its own (keep a secret) between the check and the write.
     */
    public void check(String id, String type, Map<String, String> set, Set<String> unset) throws IOException {
        prepare(id, type, set, unset);
    }

    /** A configuration checked against its type's metatype, ready to be written. */
    private record Prepared(Path file, String type, Map<String, String> values) {
    }

    private Prepared prepare(String id, String type, Map<String, String> set, Set<String> unset) throws IOException {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new Refusal(ID, "a connector id is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter "
                    + "or digit, found '" + id + "'");
        }
        Optional<Configured> existing = configured(id);
        Map<String, ObjectClassDefinition> types = types();
        String chosen = type != null ? type : existing.map(Configured::type).orElseThrow(() -> new Refusal("type",
                "connector '" + id + "' is not configured yet: name its type, one of " + types.keySet()));
        if (existing.isPresent() && !existing.get().type().equals(chosen)) {
            throw new Refusal("type", "connector '" + id + "' is a " + existing.get().type() + "; remove "
                    + existing.get().file() + " to make it another type");
        }
        ObjectClassDefinition definition = types.get(chosen);
        if (definition == null) {
            throw new Refusal("type", "no installed connector is configured as '" + chosen + "'; the types are "
                    + types.keySet());
        }
        Map<String, AttributeDefinition> settings = new TreeMap<>();
        for (AttributeDefinition setting : definition.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            settings.put(setting.getID(), setting);
        }
        Map<String, String> values = existing.isPresent() ? settings(existing.get().file()) : new TreeMap<>();
        for (String key : unset) {
            known(settings, chosen, key);
            values.remove(key);
        }
        for (Map.Entry<String, String> setting : set.entrySet()) {
            String key = setting.getKey();
            AttributeDefinition described = known(settings, chosen, key);
            if (key.equals(ID) && !setting.getValue().equals(id)) {
                throw new Refusal(ID, "the id is the connector's name on the command line ('" + id + "')");
            }
            if (described.getType() == AttributeDefinition.PASSWORD) {
                throw new Refusal(key, key + " is a secret, which is never written into a configuration file; "
                        + "configure the file or environment variable it is read from, or keep it in the "
                        + "workbench's secure storage (the connector's preference page)");
            }
            String problem = described.validate(setting.getValue());
            if (problem != null && !problem.isEmpty()) {
                throw new Refusal(key, key + ": '" + setting.getValue() + "' is refused: " + problem);
            }
            values.put(key, setting.getValue());
        }
        if (settings.containsKey(ID)) {
            values.put(ID, id);
        }
        for (AttributeDefinition required : definition.getAttributeDefinitions(ObjectClassDefinition.REQUIRED)) {
            if (!values.containsKey(required.getID()) && required.getDefaultValue() == null) {
                throw new Refusal(required.getID(), required.getID() + " is required (" + required.getName()
                        + (required.getDescription() == null ? "" : ": " + required.getDescription()) + ")");
            }
        }
        return new Prepared(existing.map(Configured::file).orElse(folder.resolve(chosen + "-" + id + SUFFIX)), chosen,
                values);
    }

    /** The settings of a configured connector, as its file holds them, by key. */
    public Map<String, String> settings(Configured configured) throws IOException {
        return settings(configured.file());
    }

    /** The settings a configuration file holds, by key. */
    private static Map<String, String> settings(Path file) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        return settings;
    }

    private static AttributeDefinition known(Map<String, AttributeDefinition> settings, String type, String key) {
        AttributeDefinition setting = settings.get(key);
        if (setting == null) {
            throw new Refusal(key, "a " + type + " connector has no setting '" + key + "'; its settings are "
                    + settings.keySet());
        }
        return setting;
    }

    /** The file's text: a header, then the settings in key order (Properties escapes them). */
    private static String text(String type, String id, Map<String, String> values) throws IOException {
        Properties properties = new Properties();
        properties.putAll(values);
        StringWriter written = new StringWriter();
        properties.store(written, null);
        // Properties writes a date line first: left out, so the file changes only when a setting does.
        String settings = written.toString().lines().filter(line -> !line.startsWith("#"))
                .collect(Collectors.joining("\n", "", "\n"));
        return "# Connector '" + id + "', type " + type + ": written by 'ifpp connectors configure'.\n"
                + "# Secrets are not written here; the connector reads them from what its settings name.\n" + settings;
    }

    /** Removes the configuration of connector {@code id}; whether there was one. */
    public boolean remove(String id) throws IOException {
        Optional<Configured> existing = configured(id);
        if (existing.isEmpty()) {
            return false;
        }
        Files.delete(existing.get().file());
        return true;
    }

    /**
     * What became of a configured connector in this process, as Declarative Services says: active, ready (made when
     * first used), waiting for what it references, failed (with why), not applied yet, or not installed (no
     * component of its type, e.g. after its feature was uninstalled).
     */
    public String state(Configured configured) {
        return state(configured, Map.of());
    }

    /** The state of the configured connector's instance that holds the settings {@code written}. */
    private String state(Configured configured, Map<String, String> written) {
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(
                ServiceComponentRuntime.class);
        if (reference == null) {
            return "unknown (Declarative Services is not running)";
        }
        ServiceComponentRuntime runtime = context.getService(reference);
        try {
            boolean installed = false;
            for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
                if (!Arrays.asList(description.configurationPid).contains(configured.type())) {
                    continue;
                }
                installed = true;
                for (ComponentConfigurationDTO instance : runtime.getComponentConfigurationDTOs(description)) {
                    if (!configured.id().equals(String.valueOf(instance.properties.get(ID)))
                            || !written.entrySet().stream().allMatch(setting -> setting.getValue()
                                    .equals(String.valueOf(instance.properties.get(setting.getKey()))))) {
                        continue;
                    }
                    return switch (instance.state) {
                    case ComponentConfigurationDTO.ACTIVE -> "active";
                    case ComponentConfigurationDTO.SATISFIED -> READY;
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "waiting for "
                            + Arrays.stream(instance.unsatisfiedReferences).map(r -> r.name)
                                    .collect(Collectors.toCollection(TreeSet::new));
                    // DS gives the activation's stack trace: its first line says why.
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed: " + (instance.failure == null
                            ? "(no reason given)" : instance.failure.lines().findFirst().orElse(""));
                    // Felix SCR reports a state outside the DTO's (-1) while an instance is being made or disposed.
                    default -> CHANGING_PREFIX + instance.state + ")";
                    };
                }
            }
            return installed ? NOT_APPLIED : NOT_INSTALLED_PREFIX + configured.type() + " (install its feature with "
                    + "'ifpp connectors install', or remove " + configured.file() + ")";
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * Waits up to {@code timeout} for the configured connector to settle with the settings its file holds now:
     * applied (File Install reads the folder every second, so an earlier instance may still be there), and taken up
     * by the partner registry (which activates it) or failed; returns its state then.
     */
    public String awaitApplied(Configured configured, Duration timeout) throws InterruptedException, IOException {
        Map<String, String> written = settings(configured.file());
        long deadline = System.nanoTime() + timeout.toNanos();
        long installing = System.nanoTime() + Math.min(timeout.toNanos(), INSTALLING.toNanos());
        String state = state(configured, written);
        while ((state.equals(NOT_APPLIED) || state.equals(READY) || state.startsWith(CHANGING_PREFIX)
                || state.startsWith(NOT_INSTALLED_PREFIX) && System.nanoTime() < installing)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            state = state(configured, written);
        }
        return state;
    }
}
