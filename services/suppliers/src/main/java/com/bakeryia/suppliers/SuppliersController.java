package com.bakeryia.suppliers;

import java.util.List;
import java.util.UUID;

import com.bakeryia.platform.security.CallerPrincipal;
import com.bakeryia.platform.tenancy.TenantAccessGuard;
import com.bakeryia.platform.tenancy.ActingUser;
import com.bakeryia.platform.web.PageView;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
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
 * Suppliers, purchase orders and their deliveries. Members (and services) read; OWNER, ADMIN and MEMBER
 * (and services) write; the tenant service decides membership.
 */
@Tag(name = "Suppliers", description = "Suppliers, purchase orders and their deliveries. Members (and services) read; OWNER, ADMIN "
        + "and MEMBER (and services) write; the tenant service decides membership.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}")
class SuppliersController {

    private final Suppliers suppliers;
    private final PurchaseOrders purchaseOrders;
    private final TenantAccessGuard guard;

    SuppliersController(Suppliers suppliers, PurchaseOrders purchaseOrders, TenantAccessGuard guard) {
        this.suppliers = suppliers;
        this.purchaseOrders = purchaseOrders;
        this.guard = guard;
    }

    @Operation(operationId = "addSupplier")
    @PostMapping("/suppliers")
    @ResponseStatus(HttpStatus.CREATED)
    SupplierView addSupplier(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewSupplier supplier,
                             Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return suppliers.add(tenantId, supplier, ActingUser.of(caller, supplier.createdBy(), "created_by"));
    }

    @Operation(operationId = "listSuppliers")
    @GetMapping("/suppliers")
    PageView<SupplierView> listSuppliers(@PathVariable("tenant_id") UUID tenantId,
                                         @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                         @RequestParam(defaultValue = "0") @Min(0) int offset,
                                         Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(suppliers.list(tenantId, limit, offset), limit, offset);
    }

    @Operation(operationId = "placePurchaseOrder")
    @PostMapping("/purchase-orders")
    @ResponseStatus(HttpStatus.CREATED)
    PurchaseOrderView placePurchaseOrder(@PathVariable("tenant_id") UUID tenantId,
                                         @Valid @RequestBody NewPurchaseOrder order, Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return purchaseOrders.place(tenantId, order, ActingUser.of(caller, order.createdBy(), "created_by"));
    }

    @Operation(operationId = "receiveDelivery")
    @PostMapping("/purchase-orders/{purchase_order_id}/deliveries")
    @ResponseStatus(HttpStatus.CREATED)
    DeliveryView receiveDelivery(@PathVariable("tenant_id") UUID tenantId,
                                 @PathVariable("purchase_order_id") UUID purchaseOrderId,
                                 @Valid @RequestBody NewDelivery delivery, Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return purchaseOrders.receive(tenantId, purchaseOrderId, delivery,
                ActingUser.of(caller, delivery.receivedBy(), "received_by"));
    }

    @Operation(operationId = "listDeliveries")
    @GetMapping("/purchase-orders/{purchase_order_id}/deliveries")
    PageView<DeliveryView> listDeliveries(@PathVariable("tenant_id") UUID tenantId,
                                          @PathVariable("purchase_order_id") UUID purchaseOrderId,
                                          @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                          @RequestParam(defaultValue = "0") @Min(0) int offset,
                                          Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(purchaseOrders.deliveries(tenantId, purchaseOrderId, limit, offset), limit, offset);
    }

    @Operation(operationId = "listPurchaseOrders")
    @GetMapping("/purchase-orders")
    PageView<PurchaseOrderView> listPurchaseOrders(@PathVariable("tenant_id") UUID tenantId,
                                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                                   @RequestParam(defaultValue = "0") @Min(0) int offset,
                                                   Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(purchaseOrders.list(tenantId, limit, offset), limit, offset);
    }
}
