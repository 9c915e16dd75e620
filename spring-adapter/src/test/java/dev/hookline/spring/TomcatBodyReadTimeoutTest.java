package dev.hookline.spring;

import org.springframework.test.context.TestPropertySource;

/** The read deadline on Tomcat. */
@TestPropertySource(properties = "spring.autoconfigure.exclude="
        + "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration")
class TomcatBodyReadTimeoutTest extends ContainerBodyReadTimeoutTest {

    @Override
    String webServer() {
        return "TomcatWebServer";
    }
}
