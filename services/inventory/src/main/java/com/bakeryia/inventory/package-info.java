/** The inventory service: owns inventory, holding ingredients, stock batches and stock movements. */
package com.bakeryia.inventory;
