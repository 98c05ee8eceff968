package io.contextstore.ingest.push;

/** The limits of a push request. */
record PushSettings(int maxBatchItems) {
}
