package com.bakeryia.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A free-form JSON value (a {@link JsonNode}, a map or a list) is at most {@link #max()}
 * characters when written as compact JSON; null is valid. Caps what one stored entry of arbitrary
 * JSON may hold, where {@code @Size} can only count entries.
 */
@Documented
@Constraint(validatedBy = MaxJsonLength.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface MaxJsonLength {

    /** The most characters of compact JSON. */
    int max();

    String message() default "must be at most {max} characters of JSON";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Measures the value as compact JSON. */
    class Validator implements ConstraintValidator<MaxJsonLength, Object> {

        private int max;

        @Override
        public void initialize(MaxJsonLength constraint) {
            max = constraint.max();
        }

        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String json = value instanceof JsonNode node ? node.toString() : JsonMapper.shared().writeValueAsString(value);
            return json.length() <= max;
        }
    }
}
