package com.bakeryia.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Errors that reach the caller as RFC 9457 problem+json with the given status and detail. Throw
 * them from controllers and services; the shared advice renders them.
 */
public final class ApiProblem extends ErrorResponseException {

    private ApiProblem(HttpStatus status, String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    public static ApiProblem of(HttpStatus status, String detail) {
        return new ApiProblem(status, detail);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, detail);
    }

    /** Adds a member to the problem body, for example the list of blocking tenants. */
    public ApiProblem with(String property, Object value) {
        getBody().setProperty(property, value);
        return this;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
