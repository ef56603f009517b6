package com.bakeryia.platform.web;

import java.util.List;

/**
 * One page of a list endpoint.
 *
 * @param items  the rows of this page, in the endpoint's stable order
 * @param limit  the page size asked for
 * @param offset how many rows were skipped
 */
public record PageView<T>(List<T> items, int limit, int offset) {
}
