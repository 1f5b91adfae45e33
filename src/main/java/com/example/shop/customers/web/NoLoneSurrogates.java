package com.example.shop.customers.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * The text is well-formed UTF-16: no half of a surrogate pair on its own (JSON lets a client send one as
 * {@code "\ud800"}). Such a string has no UTF-8 form; it would be stored, or hashed as a password, with
 * {@code ?} in its place, so that different inputs became the same.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[^\\p{Cs}]*")
@ReportAsSingleViolation
@Target({ ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.CONSTRUCTOR,
        ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@interface NoLoneSurrogates {

    String message() default "must not contain unpaired UTF-16 surrogates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
