package io.ifpp.core;

/**
 * A value refused, or missing, naming the setting it is for (a request field, a configuration key), so that each
 * front end names it its own way: the command line its option, the REST API its field.
 */
public class SettingRefused extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String setting;

    public SettingRefused(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The setting, as the layer that refused it names it. */
    public String setting() {
        return setting;
    }
}
