package com.bakeryia.inventory;

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
 * Ingredients, stock batches and stock movements of a tenant. Members (and services) read; OWNER,
 * ADMIN and MEMBER (and services) write; the tenant service decides membership.
 */
@Tag(name = "Inventory", description = "Ingredients, stock batches and stock movements of a tenant. Members (and services) read; "
        + "OWNER, ADMIN and MEMBER (and services) write; the tenant service decides membership.")
@RestController
@RequestMapping("/api/v1/tenants/{tenant_id}")
class InventoryController {

    private final Ingredients ingredients;
    private final Stock stock;
    private final TenantAccessGuard guard;

    InventoryController(Ingredients ingredients, Stock stock, TenantAccessGuard guard) {
        this.ingredients = ingredients;
        this.stock = stock;
        this.guard = guard;
    }

    @Operation(operationId = "addIngredient")
    @PostMapping("/ingredients")
    @ResponseStatus(HttpStatus.CREATED)
    IngredientView addIngredient(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewIngredient ingredient,
                                 Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return ingredients.add(tenantId, ingredient, ActingUser.of(caller, ingredient.createdBy(), "created_by"));
    }

    @Operation(operationId = "listIngredients")
    @GetMapping("/ingredients")
    PageView<IngredientView> listIngredients(@PathVariable("tenant_id") UUID tenantId,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                             @RequestParam(defaultValue = "0") @Min(0) int offset,
                                             Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(ingredients.list(tenantId, limit, offset), limit, offset);
    }

    @Operation(operationId = "receiveStockBatch")
    @PostMapping("/stock-batches")
    @ResponseStatus(HttpStatus.CREATED)
    StockBatchView receiveBatch(@PathVariable("tenant_id") UUID tenantId, @Valid @RequestBody NewStockBatch batch,
                                Authentication authentication) {
        guard.requireWrite(tenantId, authentication);
        return stock.receive(tenantId, batch);
    }

    @Operation(operationId = "listStockBatches")
    @GetMapping("/stock-batches")
    PageView<StockBatchView> listBatches(@PathVariable("tenant_id") UUID tenantId,
                                         @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                         @RequestParam(defaultValue = "0") @Min(0) int offset,
                                         Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(stock.batches(tenantId, limit, offset), limit, offset);
    }

    @Operation(operationId = "recordStockMovement")
    @PostMapping("/stock-movements")
    @ResponseStatus(HttpStatus.CREATED)
    StockMovementView recordMovement(@PathVariable("tenant_id") UUID tenantId,
                                     @Valid @RequestBody NewStockMovement movement, Authentication authentication) {
        CallerPrincipal caller = guard.requireWrite(tenantId, authentication);
        return stock.record(tenantId, movement, ActingUser.of(caller, movement.recordedBy(), "recorded_by"));
    }

    @Operation(operationId = "listStockMovements")
    @GetMapping("/stock-movements")
    PageView<StockMovementView> listMovements(@PathVariable("tenant_id") UUID tenantId,
                                              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                                              @RequestParam(defaultValue = "0") @Min(0) int offset,
                                              Authentication authentication) {
        guard.requireRead(tenantId, authentication);
        return new PageView<>(stock.movements(tenantId, limit, offset), limit, offset);
    }
}
