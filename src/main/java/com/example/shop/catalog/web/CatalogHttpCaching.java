package com.example.shop.catalog.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * ETags on the public catalog reads: a hash of the body, so {@code If-None-Match} gets a 304 without
 * the body while nothing (price, availability, ...) changed. It saves bandwidth, not server work, which
 * the caches behind the controllers save.
 */
@Configuration(proxyBeanMethods = false)
class CatalogHttpCaching {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> catalogEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/api/products", "/api/products/*", "/api/categories");
        registration.setName("catalogEtags");
        return registration;
    }
}
