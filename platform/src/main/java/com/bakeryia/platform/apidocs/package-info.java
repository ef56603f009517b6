/**
 * The OpenAPI document as the API behaves: field names as the runtime mapper writes them, the security
 * requirement lifted exactly where the security chain permits, and the responses and limits every
 * operation shares, added to every operation of every service (new ones included) in one place; and
 * as a generated client reads it: schemas named as a person would name them ({@code SchemaNames}).
 */
package com.bakeryia.platform.apidocs;
