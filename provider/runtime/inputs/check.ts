/**
 * The part of `check` every kind shares: where and as whom a resource
 * connects, resolved as it will be at run time, so a wrong or unsafe
 * connection is refused at preview, before any API call.
 */
import type { ConnectionInput } from "./connection";
import type { ProviderContext } from "../context";
import { InputError } from "../reporting/errors";
import { holdsUnknown, type CheckFailure } from "./validation";

/**
 * The failures of a resource's connection as resolved against the stack
 * config and environment. A failure in the resource's own `connection` is
 * attached to that input; one in the stack config or environment to none
 * (its reason names the config key or variable: the user never wrote
 * `connection`). A connection still unknown during preview is checked when known.
 */
export function connectionFailures(context: Pick<ProviderContext, "connection">, connection: unknown): CheckFailure[] {
    try {
        context.connection(connection as ConnectionInput | undefined);
        return [];
    } catch (err) {
        if (err instanceof InputError) {
            // Resolved with placeholders for what is not known yet: judged again once it is.
            if (holdsUnknown(connection)) return [];
            return [{ property: err.property ?? "", reason: err.message }];
        }
        return [{ property: "", reason: err instanceof Error ? err.message : String(err) }];
    }
}
