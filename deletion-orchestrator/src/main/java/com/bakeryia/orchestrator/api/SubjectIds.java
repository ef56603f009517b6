package com.bakeryia.orchestrator.api;

import java.util.UUID;

import com.bakeryia.deletion.DeletionSubject;
import com.bakeryia.platform.web.ApiProblem;

/** The check every deletion endpoint makes on the id it is asked to delete. */
final class SubjectIds {

    private SubjectIds() {
    }

    /** A 400 naming the parameter when no tenant or user can have this id (the tombstone). */
    static UUID requirePossible(String parameter, UUID id) {
        if (DeletionSubject.isImpossible(id)) {
            throw ApiProblem.badRequest(parameter + " " + id + " is the tombstone that replaces erased users;"
                    + " nothing has that id.").with("field", parameter);
        }
        return id;
    }
}
