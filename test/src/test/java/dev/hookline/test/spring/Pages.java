package dev.hookline.test.spring;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the application serves besides its webhooks. */
@RestController
class Pages {

    @GetMapping("/page")
    String page() {
        return "a page";
    }
}
