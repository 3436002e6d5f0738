import type * as pulumi from "@pulumi/pulumi";

/** A recurring window in which rotations due by age or expiry may run. */
export interface RotationWindowArgs {
    /**
     * When the window opens: a five-field cron expression in UTC (minute hour day-of-month month
     * day-of-week; `*`, ranges `1-5`, lists `1,15`, steps `*\/15`, names `mon`, `jan`), e.g.
     * `"0 2 * * 1-5"` for 02:00 UTC on weekdays.
     */
    cron: pulumi.Input<string>;
    /** How long it stays open, e.g. `2h`, `30m` (at least `1m`). */
    duration: pulumi.Input<string>;
}

/**
 * The arguments every rotating resource takes for its history, its window and its group
 * (declared once; the provider's schemas are checked against them at compile time).
 */
export interface RotationArgs {
    /** How many rotations `rotationHistory` keeps, newest last (default 10, at most 50). */
    historyLength?: pulumi.Input<number>;
    /**
     * A rotation due by age (`rotateAfter`) or by expiry (`renewBefore`) waits until this window
     * is open; preview says when it opens. A changed `rotationTrigger` rotates at once.
     */
    rotationWindow?: pulumi.Input<RotationWindowArgs>;
    /**
     * Resources of one group never rotate by age or expiry in the same run: each member gets its
     * own UTC days (see README, "Rotation windows and groups"). A plain string, because the
     * program places every member before anything resolves; declare all members of a group at
     * the top level of one program.
     */
    rotationGroup?: string;
}
