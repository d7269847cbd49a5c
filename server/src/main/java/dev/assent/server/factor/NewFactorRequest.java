package dev.assent.server.factor;

import dev.assent.server.api.ApiException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A factor-creation request, parsed and checked for form by the http edge: what is left to the
 * domain is what depends on the service, the entity and the stored factors.
 *
 * @param missingNotificationToken the edge's refusal of a push platform without a token (it names the parameter)
 */
public record NewFactorRequest(
        String friendlyName,
        NewBinding binding,
        Optional<Map<String, String>> metadata,
        Function<NotificationPlatform, ApiException> missingNotificationToken) {

    /** The factor's type, as its binding says. */
    public FactorType type() {
        return binding.type();
    }
}
