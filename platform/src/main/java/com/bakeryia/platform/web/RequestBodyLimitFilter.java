package com.bakeryia.platform.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Bounds every request body by {@link RequestLimits#maxRequestBody()} (or the path's own limit),
 * ahead of security and of any parsing: a declared {@code Content-Length} above the limit is
 * answered 413 problem+json without reading a byte; any other body is read through a stream that
 * fails with {@link RequestBodyTooLargeException} one byte past the limit, which becomes a 413 too.
 * A refused request is never handed to a controller, so nothing of it is stored.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final DataSize defaultLimit;
    private final List<Map.Entry<PathPattern, DataSize>> pathLimits;
    private final ProblemWriter problems;

    public RequestBodyLimitFilter(RequestLimits limits, ProblemWriter problems) {
        this.defaultLimit = limits.maxRequestBody();
        this.pathLimits = limits.maxRequestBodyByPath().entrySet().stream()
                .map(entry -> Map.entry(PathPatternParser.defaultInstance.parse(entry.getKey()), entry.getValue()))
                .sorted(Map.Entry.comparingByKey(PathPattern.SPECIFICITY_COMPARATOR))
                .toList();
        this.problems = problems;
    }

    /** The limit of a request to this path (within the application, without its context path). */
    long limitFor(String path) {
        if (!pathLimits.isEmpty()) {
            PathContainer container = PathContainer.parsePath(path);
            for (Map.Entry<PathPattern, DataSize> entry : pathLimits) {
                if (entry.getKey().matches(container)) {
                    return entry.getValue().toBytes();
                }
            }
        }
        return defaultLimit.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long limit = limitFor(path);
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, new RequestBodyTooLargeException(limit));
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, limit), response);
        } catch (IOException | ServletException | RuntimeException failure) {
            RequestBodyTooLargeException tooLarge = RequestBodyTooLargeException.in(failure);
            if (tooLarge == null || response.isCommitted()) {
                throw failure;
            }
            String requestId = response.getHeader(RequestIdFilter.HEADER);
            response.reset();
            response.setHeader(RequestIdFilter.HEADER, requestId);
            refuse(request, response, tooLarge);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, RequestBodyTooLargeException tooLarge)
            throws IOException {
        // The rest of the body is not wanted: close the connection rather than read it.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
    }

    /** The request with a body that cannot be read past the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    /** Counts what is read and fails on the first byte past the limit. */
    static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream body;
        private final long limit;
        private long read;

        LimitedInputStream(ServletInputStream body, long limit) {
            this.body = body;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int next = body.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            // Never ask for more than one byte past the limit (read <= limit here, so at least one).
            int n = body.read(buffer, offset, (int) Math.min(length, limit - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestBodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new RequestBodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
