package io.contextstore.projector.projection;

/** An event the read model keeps (the first copy of its content by offset), with its audit chain value. */
public record KeptEvent(LoggedEvent logged, String chain) {
}
