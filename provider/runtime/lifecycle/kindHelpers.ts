/**
 * The provider-side pieces every resource kind shares, written once: `check`'s
 * input and connection check, the organization `diff` compares, the inputs a
 * kind declares replace it, the "no state was given" guard of `read`, how
 * `read` drops a resource that is gone, and output cleaning.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { ProviderContext } from "../context";
import { connectionFailures } from "../inputs/check";
import type { ConnectionInput } from "../inputs/connection";
import { checkInputs, holdsUnknown, type CheckFailure } from "../inputs/validation";

/** The engine's struct encoding rejects `undefined`; an absent output is simply left out. */
export function withoutUndefined<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** `check`'s shared part: the inputs' shape, then (only when that holds) the connection, both before any API call. */
export function inputAndConnectionFailures(
    context: ProviderContext,
    schema: z.ZodType,
    news: { connection?: unknown },
): CheckFailure[] {
    const failures = checkInputs(schema, news);
    if (failures.length === 0) failures.push(...connectionFailures(context, news.connection));
    return failures;
}

/** The organization the new inputs connect to; a connection not known yet during preview keeps the one the state holds. */
export function organizationOf(
    context: ProviderContext,
    olds: { organization: string },
    news: { connection?: ConnectionInput },
): string {
    return holdsUnknown(news.connection) ? olds.organization : context.connection(news.connection).organization;
}

/**
 * What a change replaces, from what a kind declares replaces it (its `replaceOn`): `connection`
 * when the organization changes (no kind can move a resource to another organization), then each
 * declared input whose value changed. `same` compares one input (default: strict equality).
 */
export function replacementsOf<
    S extends { organization: string; connection?: ConnectionInput },
    I extends { connection?: ConnectionInput },
>(
    context: ProviderContext,
    olds: S,
    news: I,
    replaceOn: readonly (keyof S & keyof I & string)[],
    same: (name: keyof S & keyof I & string) => boolean = (name) => olds[name] === (news[name] as unknown),
): string[] {
    const replaces = organizationOf(context, olds, news) === olds.organization ? [] : ["connection"];
    for (const name of replaceOn) if (!same(name)) replaces.push(name);
    return replaces;
}

/** The engine always passes the state it holds to `read`; `props` is optional only in Pulumi's type. */
export function stateGiven<S>(id: string, props: S | undefined): S {
    if (!props) throw new Error(`read of ${id}: no state was given`);
    return props;
}

/**
 * `read`'s answer for a resource that no longer exists: says so in one line, then a blank id,
 * which makes the engine drop the resource from state. That is Pulumi's convention: `ReadResult.id`
 * is "The ID of the resource ready back (or blank if missing)" [sic] (@pulumi/pulumi 3.248.0
 * `dynamic/index.d.ts`), and the dynamic-provider host passes it on as the `ReadResponse` id
 * (`cmd/dynamic-provider/index.js`, `read`: `resp.setId(result.id)`).
 */
export function dropped<S>(context: ProviderContext, notice: string): pulumi.dynamic.ReadResult<S> {
    context.notice(notice);
    return { id: "" };
}
