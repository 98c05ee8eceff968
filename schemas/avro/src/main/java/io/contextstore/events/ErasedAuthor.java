package io.contextstore.events;

/**
 * What an erased user's shared items show as their author, in the read model and on devices (ADR 33): the
 * items stay (their content is the tenant's), the person does not. Not a valid user id, so it names nobody.
 */
public final class ErasedAuthor {

    public static final String NAME = "(erased)";

    private ErasedAuthor() {
    }
}
