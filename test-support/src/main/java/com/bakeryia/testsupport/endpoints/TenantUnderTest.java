package com.bakeryia.testsupport.endpoints;

import java.util.UUID;

import com.bakeryia.testsupport.ApiClient;
import com.bakeryia.testsupport.fixtures.TenantFixture;

/**
 * A tenant an endpoint table builds its paths and bodies in: its id, and its owner, who creates the
 * rows a path or a body refers to (the customer an order names, the order whose status changes).
 *
 * @param id    the tenant
 * @param api   the client of the application under test
 * @param owner the tenant's OWNER
 */
public record TenantUnderTest(UUID id, ApiClient api, TenantFixture.Member owner) {

    /** The path of {@code relative} (no leading slash) under {@code /api/v1/tenants/{tenant_id}/}. */
    public String path(String relative) {
        return "/api/v1/tenants/" + id + "/" + relative;
    }

    /** Creates a row as the owner with {@code POST relative}, requires 201 and answers the row's {@code id}. */
    public String create(String relative, Object body) {
        ApiClient.Response created = api.post(path(relative), owner.accessToken(), body);
        if (created.status() != 201 || created.json() == null || !created.json().path("id").isString()) {
            throw new IllegalStateException("Could not create POST " + relative + " in tenant " + id + ": " + created);
        }
        return created.json().path("id").asString();
    }
}
