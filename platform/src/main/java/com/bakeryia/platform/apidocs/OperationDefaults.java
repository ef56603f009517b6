package com.bakeryia.platform.apidocs;

import java.util.Locale;

import io.swagger.v3.oas.models.Operation;

import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * What an operation says of itself when its controller says nothing: a summary from its operation id
 * (or, without one, the handler's name: {@code listCustomers} is "List customers"), and a
 * description from the summary and who may call it (the handler's {@code @PreAuthorize}). What an
 * {@code @Operation} on the handler says wins.
 */
final class OperationDefaults implements GlobalOperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (isBlank(operation.getSummary())) {
            String name = isBlank(operation.getOperationId()) ? handler.getMethod().getName() : operation.getOperationId();
            operation.setSummary(sentence(name));
        }
        if (isBlank(operation.getDescription())) {
            String summary = operation.getSummary().strip();
            StringBuilder description = new StringBuilder(summary);
            if (!summary.endsWith(".")) {
                description.append('.');
            }
            PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
            if (rule == null) {
                rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
            }
            if (rule != null) {
                description.append(" Who may call it: `").append(rule.value()).append("`.");
            }
            operation.setDescription(description.toString());
        }
        return operation;
    }

    /** {@code listCustomers} as "List customers". */
    static String sentence(String camelCase) {
        String words = camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
