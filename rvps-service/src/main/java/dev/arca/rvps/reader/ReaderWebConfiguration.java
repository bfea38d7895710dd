package dev.arca.rvps.reader;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the read check in front of every controller method. */
@Configuration(proxyBeanMethods = false)
class ReaderWebConfiguration implements WebMvcConfigurer {

    private final ReadAuthorizer authorizer;

    ReaderWebConfiguration(ReadAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ReadAuthInterceptor(authorizer));
    }
}
