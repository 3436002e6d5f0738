/**
 * Compile-time proof that a program-side `Args` interface and the schema the
 * provider checks it with describe the same inputs: `tsc` fails when a field
 * is added, removed, made required or retyped on one side only. Type-level
 * only, so the published program side never names zod.
 */
import type * as pulumi from "@pulumi/pulumi";

type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** `true` when `Args` (with `pulumi.Input` unwrapped) and `Inputs` have the same keys, the same required keys and mutually assignable values. */
export type ArgsMatch<Args, Inputs> = [pulumi.Unwrap<Args>] extends [Inputs]
    ? [Inputs] extends [pulumi.Unwrap<Args>]
        ? Identical<keyof Args, keyof Inputs> extends true
            ? Identical<RequiredKeys<Args>, RequiredKeys<Inputs>>
            : false
        : false
    : false;
