package dev.arca.service.web;

import dev.arca.service.problem.ProblemCatalogue;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Tomcat settings that keep malformed requests inside the service's error model:
 * <ul>
 * <li>an encoded slash or backslash reaches the application undecoded, where Spring Security's firewall refuses it
 * with a problem+json 400 (it is never turned into a separator);</li>
 * <li>requests Tomcat itself refuses are answered by {@link ContainerErrorReportValve}.</li>
 * </ul>
 */
public final class ContainerConfiguration {

    private ContainerConfiguration() {
    }

    public static TomcatConnectorCustomizer encodedSeparatorsPassThrough() {
        return connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        };
    }

    /** Last of the factory customizers, so its valve replaces the report valve Boot's own customizer installs. */
    public static WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(
            ProblemCatalogue catalogue) {
        return new OrderedCustomizer() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    StandardHost host = (StandardHost) context.getParent();
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    // the host adds an instance of errorReportValveClass at start unless one is present: ours is
                    host.setErrorReportValveClass(ContainerErrorReportValve.class.getName());
                    host.getPipeline().addValve(new ContainerErrorReportValve(catalogue));
                });
            }
        };
    }

    private interface OrderedCustomizer extends WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        default int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
