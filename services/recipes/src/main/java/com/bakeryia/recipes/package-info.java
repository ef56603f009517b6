/** The recipes service: owns recipes, holding recipes, their ingredients and instructions. */
package com.bakeryia.recipes;
