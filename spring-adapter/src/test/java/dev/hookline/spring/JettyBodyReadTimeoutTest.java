package dev.hookline.spring;

import org.springframework.test.context.TestPropertySource;

/** The read deadline on Jetty. */
@TestPropertySource(properties = "spring.autoconfigure.exclude="
        + "org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration")
class JettyBodyReadTimeoutTest extends ContainerBodyReadTimeoutTest {

    @Override
    String webServer() {
        return "JettyServletWebServer";
    }
}
