package io.ifpp.connector.api;

import java.util.ArrayList;
import java.util.List;

import io.ifpp.core.Imsi;
import io.ifpp.profile.DeviceValues;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfileTemplate;
import io.ifpp.profile.asn1.Asn1DecodeException;

/**
 * What a personalization line does with an opened order: each device's packages, personalized from the order's
 * templates with the device's values, each with the SHA-256 its report gives back. The rules are those of
 * docs/vendor-line.md; a vendor that implements them on its own produces the same bytes and so the same hashes.
 */
public final class OrderPersonalization {

    private final List<OrderPayload.Template> templates;
    private final List<ProfileTemplate> personalizers = new ArrayList<>();

    /** @throws IllegalArgumentException naming the template that is no SAIP package or cannot be personalized */
    public OrderPersonalization(List<OrderPayload.Template> templates) {
        this.templates = List.copyOf(templates);
        for (int position = 0; position < templates.size(); position++) {
            OrderPayload.Template template = templates.get(position);
            try {
                personalizers.add(ProfileTemplate.of(ProfileCodec.decode(template.der())));
            } catch (Asn1DecodeException | IllegalArgumentException e) {
                throw new IllegalArgumentException("template " + position + " (" + template.profile()
                        + ") cannot be personalized: " + e.getMessage(), e);
            }
        }
    }

    public List<OrderPayload.Template> templates() {
        return templates;
    }

    /**
     * The device's packages in template order; the device's secrets stay the caller's to destroy.
     *
     * @throws IllegalArgumentException naming the device and profile whose values do not fit their template
     */
    public List<ProfileTemplate.Personalized> packagesOf(OrderPayload.Device device) {
        if (device.profiles().size() != personalizers.size()) {
            throw new IllegalArgumentException("device " + device.index() + " has " + device.profiles().size()
                    + " profiles' values for " + personalizers.size() + " templates");
        }
        List<ProfileTemplate.Personalized> packages = new ArrayList<>(personalizers.size());
        for (int position = 0; position < personalizers.size(); position++) {
            ProfileTemplate personalizer = personalizers.get(position);
            OrderPayload.ProfileSecrets values = device.profiles().get(position);
            int mncLength = personalizer.template().imsi().orElseThrow().mncLength();
            try {
                // A view of the values, not closed here: the caller destroys the device's secrets.
                packages.add(personalizer.personalizeWithDigest(new DeviceValues(values.iccid(),
                        new Imsi(values.imsi(), mncLength), values.ki(), values.opc(), values.codes())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("device " + device.index() + ", profile " + position + " ("
                        + templates.get(position).profile() + "): " + e.getMessage(), e);
            }
        }
        return packages;
    }
}
