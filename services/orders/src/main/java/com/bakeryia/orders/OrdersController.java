package com.bakeryia.orders;

import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.web.ApiProblem;
import com.bakeryia.platform.tenancy.ActingUser;
import com.bakeryia.platform.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers and customer orders of a tenant. Members (and services) read; OWNER, ADMIN and MEMBER
 * (and services) write; the tenant service decides membership.
 */
@Tag(name = "Orders", description = "Customers and customer orders of a tenant. Members (and services) read; OWNER, ADMIN and "
        + "MEMBER (and services) write; the tenant service decides membership.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}")
class OrdersController {

    private final Customers customers;
    private final CustomerOrders orders;
    private final TenantAccessGuard guard;

    OrdersController(Customers customers, CustomerOrders orders, TenantAccessGuard guard) {
        this.customers = customers;
        this.orders = orders;
        this.guard = guard;
    }

    @Operation(operationId = "addCustomer")
    @PostMapping("/customers")
    @ResponseStatus(HttpStatus.CREATED)
    CustomerView addCustomer(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewCustomer customer,
                             Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return customers.add(tenantId, customer, ActingUser.of(caller, customer.createdBy(), "created_by"));
    }

    @Operation(operationId = "listCustomers")
    @GetMapping("/customers")
    PageView<CustomerView> listCustomers(@PathVariable("tenant_id") UUID tenantId,
                                         @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                         @RequestParam(defaultValue = "0") @Min(0) int offset,
                                         Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(customers.list(tenantId, limit, offset), limit, offset);
    }

    @Operation(operationId = "placeOrder")
    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    OrderView placeOrder(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewOrder order,
                         Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return orders.place(tenantId, order, ActingUser.of(caller, order.createdBy(), "created_by"));
    }

    @Operation(operationId = "listOrders")
    @GetMapping("/orders")
    PageView<OrderView> listOrders(@PathVariable("tenant_id") UUID tenantId,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                   @RequestParam(defaultValue = "0") @Min(0) int offset,
                                   Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(orders.list(tenantId, limit, offset), limit, offset);
    }

    @Operation(operationId = "changeOrderStatus", summary = "Change an order's status")
    @PostMapping("/orders/{order_id}/status")
    OrderView changeStatus(@PathVariable("tenant_id") UUID tenantId, @PathVariable("order_id") UUID orderId,
                           @Valid @RequestBody StatusChange change, Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return orders.changeStatus(tenantId, orderId, change, ActingUser.of(caller, change.changedBy(), "changed_by"));
    }

    @Operation(operationId = "listOrderStatusHistory", summary = "List an order's status changes")
    @GetMapping("/orders/{order_id}/status-history")
    List<StatusChangeView> statusHistory(@PathVariable("tenant_id") UUID tenantId, @PathVariable("order_id") UUID orderId,
                                         Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return orders.history(tenantId, orderId);
    }

    @Operation(operationId = "getOrder", summary = "Read an order")
    @GetMapping("/orders/{order_id}")
    OrderView order(@PathVariable("tenant_id") UUID tenantId, @PathVariable("order_id") UUID orderId,
                    Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return orders.find(tenantId, orderId)
                .orElseThrow(() -> ApiProblem.notFound("Order " + orderId + " does not exist in tenant " + tenantId + "."));
    }
}
