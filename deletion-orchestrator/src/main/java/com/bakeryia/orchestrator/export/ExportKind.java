package com.bakeryia.orchestrator.export;

/** Whose data an export holds: a tenant's (a bakery's) or a person's own. */
public enum ExportKind { TENANT, USER }
