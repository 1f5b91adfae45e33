package com.example.shop.catalog.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * ETags on the category tree: a hash of the body, so {@code If-None-Match} gets a 304 without the body while nothing
 * changed. It saves bandwidth, not server work, which the cache behind the controller saves. The product reads make
 * their ETag once per state of what they show ({@link RenderedAnswers}) and pass no filter for it.
 */
@Configuration(proxyBeanMethods = false)
class CatalogHttpCaching {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> catalogEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/api/categories");
        registration.setName("catalogEtags");
        return registration;
    }
}
