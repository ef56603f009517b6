package com.bakeryia.platform.web;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBodyLimitFilterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(
            new RequestLimits(DataSize.ofBytes(100), Map.of("/api/v1/tenants/*/forecasts", DataSize.ofKilobytes(1),
                    "/api/v1/tenants/*/forecasts/special", DataSize.ofBytes(10)), defaultJson()),
            new ProblemWriter(JSON));

    @Test
    void declaredLengthAboveTheLimitIsRefusedWithoutCallingTheChain() throws Exception {
        var request = post("/api/v1/tenants/t/orders", new byte[101]);
        var response = new MockHttpServletResponse();
        var called = new AtomicBoolean();

        filter.doFilter(request, response, (req, res) -> called.set(true));

        assertThat(called).isFalse();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.getContentAsString()).path("detail").asText())
                .isEqualTo("The request body is larger than the limit of 100 bytes for this endpoint.");
    }

    @Test
    void bodyOfUnknownLengthFailsOneBytePastTheLimitAndIsAnswered413() throws Exception {
        var request = unknownLength(post("/api/v1/tenants/t/orders", new byte[500]));
        var response = new MockHttpServletResponse();
        FilterChain reader = (req, res) -> req.getInputStream().readAllBytes();

        filter.doFilter(request, response, reader);

        assertThat(response.getStatus()).isEqualTo(413);
    }

    @Test
    void streamReadsUpToTheLimitAndThrowsPastIt() throws Exception {
        var within = unknownLength(post("/x", new byte[100]));
        var past = unknownLength(post("/x", new byte[101]));
        FilterChain readsAll = (req, res) -> {
            assertThat(req.getInputStream().read(new byte[0], 0, 0)).isZero();
            assertThat(req.getInputStream().readAllBytes()).hasSize(100);
        };
        filter.doFilter(within, new MockHttpServletResponse(), readsAll);

        FilterChain rethrows = (req, res) -> assertThatThrownBy(() -> req.getInputStream().readAllBytes())
                .isInstanceOf(RequestBodyTooLargeException.class);
        filter.doFilter(past, new MockHttpServletResponse(), rethrows);
    }

    @Test
    void mostSpecificPathPatternGivesTheLimit() {
        assertThat(filter.limitFor("/api/v1/tenants/t/orders")).isEqualTo(100);
        assertThat(filter.limitFor("/api/v1/tenants/t/forecasts")).isEqualTo(1024);
        assertThat(filter.limitFor("/api/v1/tenants/t/forecasts/special")).isEqualTo(10);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new RequestLimits(DataSize.ofBytes(0), Map.of(), defaultJson()))
                .hasMessageContaining("bakery.limits.max-request-body");
        assertThatThrownBy(() -> new RequestLimits(DataSize.ofBytes(1), Map.of("/a", DataSize.ofBytes(-1)), defaultJson()))
                .hasMessageContaining("max-request-body-by-path[/a]");
    }

    private static RequestLimits.Json defaultJson() {
        return new RequestLimits.Json(64, 65536, 100, 1000, DataSize.ofMegabytes(10));
    }

    private static MockHttpServletRequest post(String path, byte[] body) {
        var request = new MockHttpServletRequest("POST", path);
        request.setContent(body);
        return request;
    }

    private static MockHttpServletRequest unknownLength(MockHttpServletRequest request) {
        return new MockHttpServletRequest("POST", request.getRequestURI()) {
            {
                setContent(request.getContentAsByteArray());
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
    }
}
