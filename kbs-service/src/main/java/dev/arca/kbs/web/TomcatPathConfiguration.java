package dev.arca.kbs.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Tomcat settings that keep malformed requests inside the KBS's error model:
 * <ul>
 * <li>an encoded slash ({@code %2F}) reaches the application undecoded, where {@link KbsPath} refuses it with a
 * problem+json 400; it is never turned into a separator (specs/kbs.md §1.1);</li>
 * <li>requests Tomcat itself refuses are answered by {@link ProblemErrorReportValve}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class TomcatPathConfiguration {

    @Bean
    public TomcatConnectorCustomizer encodedSlashPassthrough() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    /** Runs after Boot's own customizer, which installs a plain ErrorReportValve on the host. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
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
                    // the host adds one instance of this class when it starts
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                });
            }
        };
    }

    /** Last of the factory customizers, so its valve is the innermost error reporter of the host. */
    private interface OrderedCustomizer extends WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        default int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
