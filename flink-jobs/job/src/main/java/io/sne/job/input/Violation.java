package io.sne.job.input;

import io.sne.schemas.RejectReason;

/** Why a record cannot be used: a machine-readable reason and a message naming the field and value. */
public record Violation(RejectReason reason, String message) {}
