package io.contextstore.client;

/** Every case of {@link HookIT}, answered by the resident daemon through the ./ctx launcher (ADR 35). */
class HookThroughDaemonIT extends HookIT implements ThroughTheDaemon {
}
