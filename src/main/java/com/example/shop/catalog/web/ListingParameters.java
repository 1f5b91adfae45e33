package com.example.shop.catalog.web;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.example.shop.catalog.internal.InvalidListingParameter;
import com.example.shop.catalog.internal.ListingQuery;

/**
 * The listing's query parameters ({@code q}, {@code category}, {@code minPrice}, {@code maxPrice}, {@code page},
 * {@code size}, {@code sort}) read as one {@link ListingQuery} argument.
 * <p>
 * Written by hand because the listing is the storefront's most frequent request: seven {@code @RequestParam}
 * arguments cost about a tenth of a cached listing's CPU (Spring MVC looks at each parameter's annotations, asks
 * whether it is a multipart part by unwrapping the request wrappers, and runs a conversion for each, present or
 * not: bench/README.md), where reading seven strings costs next to nothing. The answers stay those of the
 * annotated form: a value that is not a number is a 400 naming the parameter, a blank one counts as absent, and
 * {@link ListingQuery#of} applies the paging and sorting rules. The OpenAPI description lists the parameters on
 * the operation ({@code ProductController}).
 */
@Configuration(proxyBeanMethods = false)
class ListingParameters implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ListingQuery.class;
    }

    @Override
    public ListingQuery resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
        return ListingQuery.of(text(request, "q"), text(request, "category"),
                number(request, "minPrice"), number(request, "maxPrice"),
                integer(request, "page"), integer(request, "size"), text(request, "sort"));
    }

    private static @Nullable String text(NativeWebRequest request, String name) {
        return request.getParameter(name);
    }

    private static @Nullable Long number(NativeWebRequest request, String name) {
        return parsed(request, name, Long::valueOf, " (in minor units)");
    }

    private static @Nullable Integer integer(NativeWebRequest request, String name) {
        return parsed(request, name, Integer::valueOf, "");
    }

    /** A whole number, or a 400 naming the parameter for text that is none (or one too large for its type). */
    private static <T> @Nullable T parsed(NativeWebRequest request, String name, Function<String, T> parse,
            String unit) {
        String value = present(request, name);
        try {
            return value == null ? null : parse.apply(value);
        } catch (NumberFormatException e) {
            throw new InvalidListingParameter(name, name + " must be a whole number" + unit + ".");
        }
    }

    /** A number's text, stripped; absent when missing or blank (as Spring MVC converts an empty value). */
    private static @Nullable String present(NativeWebRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
