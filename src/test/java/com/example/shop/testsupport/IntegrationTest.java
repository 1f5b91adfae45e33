package com.example.shop.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The whole application on the real database, called through the full Spring MVC and Spring Security
 * stack. Every test class using this shares one application context, unless it adds beans or properties
 * of its own (each such combination gets a context of its own, started once). Every answer its {@code MockMvc}
 * gives is checked against the application's API description ({@link ResponsesMatchDescription}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "shop.cors.allowed-origins=https://storefront.example",
        "logging.level.com.example.shop=INFO",
        "shop.catalog.images.dir=target/test-images"
})
@QuietSchedulers
@AutoConfigureMockMvc
@Import(ResponsesMatchDescription.class)
public @interface IntegrationTest {
}
