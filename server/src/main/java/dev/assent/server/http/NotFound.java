package dev.assent.server.http;

import dev.assent.server.api.ApiError;
import dev.assent.server.api.ApiException;
import dev.assent.server.api.ResourceNotFound;
import io.helidon.common.parameters.Parameters;
import java.util.Optional;

/**
 * Twilio's 404 message, {@code The requested resource <path> was not found}, built in one place.
 * A feature's {@link ResourceNotFound} names only the kind and SID of what is missing; its path is
 * written here from the route the request matched (the service and identity in the request's path),
 * as Twilio writes it: without the version prefix, e.g. {@code /Services/VA…/Webhooks/YW…}.
 */
final class NotFound {

    private NotFound() {
    }

    /** The 404 for a path that names nothing (an unknown route, a malformed SID in it). */
    static ApiException at(String path) {
        return new ApiException(ApiError.NOT_FOUND, message(path));
    }

    /** The message of a feature's 404, for a request whose matched route has {@code path} parameters. */
    static String message(ResourceNotFound missing, Parameters path, String requestPath) {
        String id = missing.id();
        Optional<String> service = parameter(path, "ServiceSid").map(sid -> "/Services/" + sid);
        Optional<String> entity = service.flatMap(s -> parameter(path, "Identity").map(identity -> s + "/Entities/" + identity));
        Optional<String> resource = switch (missing.type()) {
            case ACCOUNT -> Optional.of("/Accounts/" + id);
            case SERVICE -> Optional.of("/Services/" + id);
            case ENTITY -> service.map(s -> s + "/Entities/" + id);
            case FACTOR -> entity.map(e -> e + "/Factors/" + id);
            case CHALLENGE -> entity.map(e -> e + "/Challenges/" + id);
            case WEBHOOK -> service.map(s -> s + "/Webhooks/" + id);
            case ACCESS_TOKEN -> service.map(s -> s + "/AccessTokens/" + id);
            case CREDENTIAL -> Optional.of("/Credentials/" + id);
            case API_KEY -> Optional.of("/Keys/" + id);
            // Never looked up on their own: the request's path is what was not found.
            case NOTIFICATION, DELIVERY -> Optional.empty();
        };
        // A kind outside the route that matched (cannot happen): the request's path is what was not found.
        return message(resource.orElse(requestPath));
    }

    private static String message(String path) {
        return "The requested resource " + path + " was not found";
    }

    private static Optional<String> parameter(Parameters path, String name) {
        return path.contains(name) ? Optional.of(path.get(name)) : Optional.empty();
    }
}
