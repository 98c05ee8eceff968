package io.contextstore.client;

/** Every case of {@link HookInjectionIT}, answered by the resident daemon through the ./ctx launcher (ADR 35). */
class HookInjectionThroughDaemonIT extends HookInjectionIT implements ThroughTheDaemon {
}
