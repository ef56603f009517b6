package com.bakeryia.platform.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error into RFC 9457 problem+json that says what was wrong: bad input is a 4xx with
 * the field named; an unexpected failure is a 500 that carries the request id and never a stack
 * trace. Nor does any answer name the framework: an unknown path is "No endpoint GET /x.", not a
 * missing static resource.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final Pattern JACKSON_LIMIT = Pattern.compile("exceeds the maximum allowed \\((\\d+)");

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Parameter '" + e.getName() + "' must be " + expected + ", got '" + e.getValue() + "'.");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "You are not allowed to perform this operation.");
    }

    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail unauthenticated(AuthenticationException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
    }

    /**
     * A write its tenant's deletion fence refused (the deletion began in this service after the
     * write passed the tenant check, {@link com.bakeryia.platform.deletion.WriteFence}): 409, as a
     * write to a tenant already marked is.
     */
    private static ProblemDetail fenced(Exception e) {
        log.info("Write refused by a tenant's deletion fence: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The tenant is being deleted and accepts no writes.");
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrityViolation(DataIntegrityViolationException e) {
        if (com.bakeryia.platform.deletion.WriteFence.refused(e)) {
            return fenced(e);
        }
        log.info("Request refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The request conflicts with existing data (a uniqueness or reference rule).");
    }

    /** A body read outside a message converter that went past its limit. */
    @ExceptionHandler(RequestBodyTooLargeException.class)
    ProblemDetail bodyTooLarge(RequestBodyTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (com.bakeryia.platform.deletion.WriteFence.refused(e)) {
            return fenced(e);
        }
        log.error("Unexpected error", e);
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; quote request id " + MDC.get(RequestIdFilter.MDC_KEY) + " when reporting it.");
        problem.setProperty("request_id", MDC.get(RequestIdFilter.MDC_KEY));
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return noEndpoint(e, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return noEndpoint(e, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> allowed = e.getSupportedMethods() == null ? List.of()
                : java.util.Arrays.stream(e.getSupportedMethods()).sorted().toList();
        String detail = "Method " + e.getMethod() + " is not allowed on " + pathOf(request)
                + (allowed.isEmpty() ? "." : "; allowed: " + String.join(", ", allowed) + ".");
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, detail);
        return handleExceptionInternal(e, problem, headers, HttpStatus.METHOD_NOT_ALLOWED, request);
    }

    private ResponseEntity<Object> noEndpoint(Exception e, HttpHeaders headers, WebRequest request) {
        String method = request instanceof ServletWebRequest servlet ? servlet.getRequest().getMethod() : "";
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No endpoint " + method + " " + pathOf(request) + ".");
        return handleExceptionInternal(e, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    private static String pathOf(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "this path";
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.in(e);
        if (tooLarge != null) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
            return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadableDetail(e));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", snakeCase(error.getField()),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String detail = errors.stream().map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; "));
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                detail.isEmpty() ? "The request body is invalid." : "Invalid request: " + detail + ".");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getParameterValidationResults().stream()
                .map(result -> result.getMethodParameter().getParameterName() + " "
                        + result.getResolvableErrors().stream()
                                .map(error -> String.valueOf(error.getDefaultMessage()))
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request: " + detail + ".");
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String unreadableDetail(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        StreamConstraintsException overLimit = constraintIn(e);
        if (overLimit != null) {
            return limitDetail(overLimit);
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'.";
        }
        if (cause instanceof InvalidFormatException invalid) {
            return "Field '" + path(invalid) + "' has an invalid value '" + invalid.getValue() + "'.";
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return "Field '" + path(mismatched) + "' has the wrong type or is missing.";
        }
        if (cause instanceof JacksonException) {
            return "The request body is not valid JSON.";
        }
        return "The request body is missing or unreadable.";
    }

    private static StreamConstraintsException constraintIn(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException constraint) {
                return constraint;
            }
        }
        return null;
    }

    /** Which parser cap was passed, in the API's words (Jackson's own message names its classes). */
    private static String limitDetail(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        Matcher limit = JACKSON_LIMIT.matcher(message);
        String max = limit.find() ? limit.group(1) : null;
        if (max == null) {
            return "The request body exceeds a limit of the JSON parser.";
        }
        if (message.startsWith("Document nesting depth")) {
            return "The request body nests objects and arrays deeper than the limit of " + max + " levels.";
        }
        if (message.startsWith("String value length")) {
            return "A string in the request body is longer than the limit of " + max + " characters.";
        }
        if (message.startsWith("Number value length")) {
            return "A number in the request body is longer than the limit of " + max + " characters.";
        }
        if (message.startsWith("Name length")) {
            return "A field name in the request body is longer than the limit of " + max + " characters.";
        }
        if (message.startsWith("Document length")) {
            return "The request body is longer than the limit of " + max + " characters.";
        }
        return "The request body exceeds a limit of the JSON parser (" + max + ").";
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName() : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static String describe(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "UUID" -> "a valid UUID";
            case "Integer", "int", "Long", "long" -> "a whole number";
            default -> type.isEnum() ? "one of " + java.util.Arrays.toString(type.getEnumConstants()) : "a valid " + type.getSimpleName();
        };
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
