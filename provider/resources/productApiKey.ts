import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKindName } from "../shared/kinds";
import type { KeyArgs } from "./keyArgs";
import { KeyResource } from "./keyResource";

/** Arguments of a product API key resource: the common ones. */
export type ProductApiKeyArgs = KeyArgs;

/**
 * Base of {@link DocumentUnderstandingApiKey} and {@link ComputerVisionApiKey}:
 * one key per organization; regenerating (a rotation) makes the old key fail at once.
 */
export abstract class ProductApiKey extends KeyResource {
    /** The API key (secret). */
    declare readonly apiKey: pulumi.Output<string>;

    protected constructor(
        kind: ResourceKindName,
        name: string,
        args: ProductApiKeyArgs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        super({ kind, keyOutput: "apiKey" }, name, args, opts);
    }
}
