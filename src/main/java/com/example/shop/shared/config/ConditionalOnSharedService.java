package com.example.shop.shared.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * A bean or configuration that exists only when this shared service's connection is configured (or, with
 * {@code present = false}, only when it is not): the same test as {@link SharedServicesSwitch}, so it never
 * depends on the order in which configurations are read, unlike {@code @ConditionalOnBean}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Conditional(OnSharedServiceCondition.class)
public @interface ConditionalOnSharedService {

    SharedServices value();

    boolean present() default true;
}
