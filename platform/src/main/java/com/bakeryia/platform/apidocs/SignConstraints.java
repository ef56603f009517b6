package com.bakeryia.platform.apidocs;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * Bean validation's sign constraints as schema bounds, which springdoc does not read itself:
 * {@code @PositiveOrZero} on a field validated as at least 0 is documented as {@code minimum: 0},
 * so the document and the validation keep one source (the annotation).
 */
final class SignConstraints implements PropertyCustomizer {

    @Override
    @SuppressWarnings("rawtypes")
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null || type == null || type.getCtxAnnotations() == null) {
            return property;
        }
        boolean integer = "integer".equals(property.getType())
                || (property.getTypes() != null && property.getTypes().contains("integer"));
        for (Annotation annotation : type.getCtxAnnotations()) {
            if (annotation instanceof PositiveOrZero) {
                raiseMinimum(property, BigDecimal.ZERO);
            } else if (annotation instanceof Positive) {
                if (integer) {
                    raiseMinimum(property, BigDecimal.ONE);
                } else {
                    raiseMinimum(property, BigDecimal.ZERO);
                    property.setExclusiveMinimumValue(BigDecimal.ZERO);
                }
            } else if (annotation instanceof NegativeOrZero) {
                lowerMaximum(property, BigDecimal.ZERO);
            } else if (annotation instanceof Negative) {
                if (integer) {
                    lowerMaximum(property, BigDecimal.ONE.negate());
                } else {
                    lowerMaximum(property, BigDecimal.ZERO);
                    property.setExclusiveMaximumValue(BigDecimal.ZERO);
                }
            }
        }
        return property;
    }

    @SuppressWarnings("rawtypes")
    private static void raiseMinimum(Schema property, BigDecimal minimum) {
        if (property.getMinimum() == null || property.getMinimum().compareTo(minimum) < 0) {
            property.setMinimum(minimum);
        }
    }

    @SuppressWarnings("rawtypes")
    private static void lowerMaximum(Schema property, BigDecimal maximum) {
        if (property.getMaximum() == null || property.getMaximum().compareTo(maximum) > 0) {
            property.setMaximum(maximum);
        }
    }
}
