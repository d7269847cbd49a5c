package dev.assent.conformance;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a {@link Conformance} bound to the one Assent server of the run.
 *
 * <p>The server is started on first use and kept in the root context's store, so every IT class in
 * the JVM shares it and JUnit stops it when the run ends. A failed start is remembered too: later
 * classes fail at once with the same cause instead of waiting another minute each.
 */
final class ConformanceExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Conformance.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ServerResource resource = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(ServerResource.class, key -> ServerResource.start(), ServerResource.class);
        return new Conformance(resource.server(), resource.transcript);
    }

    /** The run's server, or why it could not start. */
    static final class ServerResource implements ExtensionContext.Store.CloseableResource {
        private final Optional<AssentServer> server;
        private final RuntimeException failure;
        private final Transcript transcript;

        private ServerResource(Optional<AssentServer> server, RuntimeException failure, Transcript transcript) {
            this.server = server;
            this.failure = failure;
            this.transcript = transcript;
        }

        static ServerResource start() {
            Path workDir = Path.of(System.getProperty("assent.conformance.work.dir", "target")).toAbsolutePath();
            Transcript transcript = new Transcript(workDir.resolve("conformance-http.log"));
            try {
                AssentServer server = AssentServer.startOrConnect();
                transcript.note("Assent at " + server.baseUrl() + " for " + server.account());
                return new ServerResource(Optional.of(server), null, transcript);
            } catch (RuntimeException e) {
                return new ServerResource(Optional.empty(), e, transcript);
            }
        }

        AssentServer server() {
            return server.orElseThrow(() -> new IllegalStateException("Assent is not running", failure));
        }

        @Override
        public void close() {
            server.ifPresent(AssentServer::close);
        }
    }
}
