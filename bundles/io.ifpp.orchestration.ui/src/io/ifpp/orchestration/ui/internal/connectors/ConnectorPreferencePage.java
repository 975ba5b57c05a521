package io.ifpp.orchestration.ui.internal.connectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

import io.ifpp.orchestration.partners.ConnectorConfigurations;
import io.ifpp.orchestration.partners.ConnectorConfigurations.Configured;
import io.ifpp.ui.Widgets;

/**
 * The settings of one connector type, as its metatype describes them: pick a configured connector of the type (or a
 * new one), edit its settings, apply. The settings are checked against the metatype as {@code ifpp connectors
 * configure} checks them, a refusal naming the setting. A setting the metatype types as a password is a secret: typed
 * into a masked field, kept in Eclipse secure storage ({@link ConnectorSecureStorage}), never in the configuration
 * file, never shown again.
 */
final class ConnectorPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    private static final String NEW = "New connector...";

    private final String type;
    private final ObjectClassDefinition definition;
    private final Map<String, Text> fields = new LinkedHashMap<>();
    private final Map<String, Text> secrets = new LinkedHashMap<>();
    private List<Configured> choices = List.of();
    private Combo connectors;
    private Text id;
    private Label state;
    private Button remove;

    ConnectorPreferencePage(String type, ObjectClassDefinition definition) {
        this.type = type;
        this.definition = definition;
    }

    @Override
    public void init(IWorkbench workbench) {
        setDescription(definition.getDescription() == null ? type : definition.getDescription());
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout(2, false));
        new Label(page, SWT.NONE).setText("Connector:");
        connectors = Widgets.tag(new Combo(page, SWT.READ_ONLY), "connector.choice");
        connectors.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(page, SWT.NONE).setText("Id:");
        id = Widgets.tag(new Text(page, SWT.BORDER), "connector.id");
        id.setMessage("how batches, plans and agreements name it");
        id.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        for (AttributeDefinition setting : definition.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            if (setting.getID().equals("id")) {
                continue;
            }
            Label label = new Label(page, SWT.NONE);
            label.setText(setting.getName() + ":");
            if (setting.getType() == AttributeDefinition.PASSWORD) {
                Text secret = Widgets.tag(new Text(page, SWT.BORDER | SWT.PASSWORD),
                        "connector.secret." + setting.getID());
                secret.setToolTipText(setting.getDescription());
                secret.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
                secrets.put(setting.getID(), secret);
                continue;
            }
            Text field = Widgets.tag(new Text(page, SWT.BORDER), "connector.setting." + setting.getID());
            field.setToolTipText(setting.getDescription());
            String[] defaults = setting.getDefaultValue();
            field.setMessage(defaults != null && defaults.length > 0 ? "default: " + defaults[0]
                    : "required: " + setting.getDescription());
            field.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            fields.put(setting.getID(), field);
        }
        new Label(page, SWT.NONE).setText("State:");
        state = Widgets.tag(new Label(page, SWT.WRAP), "connector.state");
        state.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        remove = Widgets.tag(new Button(page, SWT.PUSH), "connector.remove");
        remove.setText("Remove this connector");
        remove.addListener(SWT.Selection, event -> removeChosen());
        connectors.addListener(SWT.Selection, event -> show(chosen()));
        refreshChoices(null);
        return page;
    }

    private List<Configured> configuredOfType() {
        try {
            return WorkbenchConnectors.configurations().configured().stream()
                    .filter(c -> c.type().equals(type)).toList();
        } catch (Exception e) {
            setErrorMessage("The connectors' configurations cannot be read: " + e.getMessage());
            return List.of();
        }
    }

    /** The configured connector chosen in the combo, whose items are {@link #choices} then "new". */
    private Optional<Configured> chosen() {
        int index = connectors.getSelectionIndex();
        return index >= 0 && index < choices.size() ? Optional.of(choices.get(index)) : Optional.empty();
    }

    private void refreshChoices(String select) {
        choices = configuredOfType();
        List<String> items = new ArrayList<>();
        choices.forEach(c -> items.add(c.id()));
        items.add(NEW);
        connectors.setItems(items.toArray(String[]::new));
        int index = select == null ? 0 : Math.max(0, items.indexOf(select));
        connectors.select(index);
        show(chosen());
    }

    /** Shows a configured connector's settings and state, or empty fields for a new one. */
    private void show(Optional<Configured> configured) {
        setErrorMessage(null);
        Map<String, String> settings = Map.of();
        if (configured.isPresent()) {
            try {
                settings = WorkbenchConnectors.configurations().settings(configured.get());
            } catch (Exception e) {
                setErrorMessage("The configuration " + configured.get().file() + " cannot be read: " + e.getMessage());
            }
        }
        id.setText(configured.map(Configured::id).orElse(""));
        id.setEnabled(configured.isEmpty());
        for (Map.Entry<String, Text> field : fields.entrySet()) {
            field.getValue().setText(settings.getOrDefault(field.getKey(), ""));
        }
        for (Map.Entry<String, Text> secret : secrets.entrySet()) {
            boolean kept = configured.isPresent() && ConnectorSecureStorage.has(configured.get().id(), secret.getKey());
            secret.getValue().setText("");
            secret.getValue().setMessage(kept ? "kept in secure storage; type to replace it"
                    : "not kept; typed here, it is kept in secure storage");
        }
        remove.setEnabled(configured.isPresent());
        showState(configured);
    }

    private void showState(Optional<Configured> configured) {
        String text = "not configured yet";
        if (configured.isPresent()) {
            try {
                text = WorkbenchConnectors.configurations().state(configured.get());
            } catch (Exception e) {
                text = "unknown: " + e.getMessage();
            }
        }
        state.setText(text);
        state.getParent().layout(true);
    }

    @Override
    public boolean performOk() {
        if (connectors == null || connectors.isDisposed()) {
            return true;
        }
        String name = id.getText().strip();
        if (chosen().isEmpty() && name.isEmpty()) {
            return true; // nothing entered for a new connector: nothing to write
        }
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> unset = new HashSet<>();
        fields.forEach((key, field) -> {
            String value = field.getText().strip();
            if (value.isEmpty()) {
                unset.add(key);
            } else {
                set.put(key, value);
            }
        });
        try {
            ConnectorConfigurations configurations = WorkbenchConnectors.configurations();
            Optional<Configured> existing = configurations.configured(name);
            if (existing.isEmpty()) {
                unset.clear(); // a new file has nothing to remove
            } else {
                Map<String, String> written = configurations.settings(existing.get());
                unset.retainAll(written.keySet());
            }
            // Checked first, then the secrets kept, then the file written: the connector made from the file finds them.
            configurations.check(name, type, set, unset);
            keepSecrets(name);
            configurations.configure(name, type, set, unset);
        } catch (ConnectorConfigurations.Refusal refusal) {
            String message = refusal.getMessage();
            setErrorMessage(message.startsWith(refusal.setting()) ? message : refusal.setting() + ": " + message);
            return false;
        } catch (Exception e) {
            setErrorMessage("The configuration was not written: " + e.getMessage());
            return false;
        }
        refreshChoices(name);
        return true;
    }

    /** Keeps every secret typed in (encrypted, in secure storage) and clears its field; untouched ones stay. */
    private void keepSecrets(String connectorId) throws Exception {
        for (Map.Entry<String, Text> secret : secrets.entrySet()) {
            char[] typed = secret.getValue().getTextChars();
            try {
                if (typed.length > 0) {
                    ConnectorSecureStorage.store(connectorId, secret.getKey(), typed);
                }
            } finally {
                Arrays.fill(typed, '\0');
            }
            secret.getValue().setText("");
        }
    }

    private void removeChosen() {
        Optional<Configured> configured = chosen();
        if (configured.isEmpty()) {
            return;
        }
        try {
            WorkbenchConnectors.configurations().remove(configured.get().id());
            ConnectorSecureStorage.removeAll(configured.get().id());
        } catch (Exception e) {
            setErrorMessage("The configuration was not removed: " + e.getMessage());
            return;
        }
        refreshChoices(null);
    }
}
