package dev.assent.server.factor;

import dev.assent.server.entity.Entity;
import dev.assent.server.service.VerifyService;
import java.util.Objects;

/**
 * A push factor as a device's request needs it, read in one statement: the factor, its entity and
 * service (the scope every device request is judged in) and whether its account may act.
 *
 * @param accountActive whether the factor's account exists and is not disabled
 */
public record DeviceFactor(Factor factor, Entity entity, VerifyService service, boolean accountActive) {

    public DeviceFactor {
        Objects.requireNonNull(factor);
        Objects.requireNonNull(entity);
        Objects.requireNonNull(service);
        if (!factor.entitySid().equals(entity.sid()) || !factor.serviceSid().equals(service.sid())) {
            throw new IllegalArgumentException("factor " + factor.sid() + " read with another entity or service");
        }
    }
}
