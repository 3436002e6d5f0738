/**
 * What the organization-level product keys (Document Understanding,
 * Computer Vision) share: one key per organization, read or regenerated;
 * regenerating makes the old key fail at once.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { ConnectionArgs } from "./connectionArgs";
import { getProductKey, regenerateProductKey, verifyProductKey, type Product } from "../runtime/endpoints";
import { commonInputsShape, type CommonInputs, type KeyKind } from "../runtime/keyResource";
import { serializableProvider, type ResourceKindName } from "../shared/loader";

export const productApiKeyInputs = z.object({ ...commonInputsShape }).strict();

export function productKeyKind(product: Product): KeyKind<CommonInputs> {
    return {
        keyOutput: "apiKey",
        inputSchema: productApiKeyInputs,
        identityInputs: [],
        id: (organization) => `${organization}/${product}`,
        fetch: async (client) => ({ key: await getProductKey(client, product), extra: {} }),
        regenerate: async (client) => ({ key: await regenerateProductKey(client, product), extra: {} }),
        verify: (client, _inputs, m) => verifyProductKey(client, product, m.key),
    };
}

/** Arguments of a product API key resource. */
export interface ProductApiKeyArgs {
    /** Any string; changing it regenerates the key on the next `up`. */
    rotationTrigger?: pulumi.Input<string>;
    /** Regenerate when this period has passed since the last rotation, e.g. `90d`, `12h`. */
    rotateAfter?: pulumi.Input<string>;
    /** Regenerate the key when the resource is deleted (default false). Never touches a newer key. */
    revokeOnDelete?: pulumi.Input<boolean>;
    /** Call the product with the key after each fetch or rotation. */
    verify?: pulumi.Input<boolean>;
    /** Connection settings for this resource only; stored encrypted. */
    connection?: pulumi.Input<ConnectionArgs>;
}

/** Base of {@link DocumentUnderstandingApiKey} and {@link ComputerVisionApiKey}. */
export abstract class ProductApiKey extends pulumi.dynamic.Resource {
    /** The API key (secret). */
    declare readonly apiKey: pulumi.Output<string>;
    declare readonly organization: pulumi.Output<string>;
    /** A short hash of the key: changes when the key does, without revealing it. */
    declare readonly keyFingerprint: pulumi.Output<string>;
    /** When this resource last fetched a new key (ISO 8601). */
    declare readonly rotatedAt: pulumi.Output<string>;
    /** When `rotateAfter` makes the key due (ISO 8601), if set. */
    declare readonly rotationDueAt: pulumi.Output<string | undefined>;

    protected constructor(kind: ResourceKindName, name: string, args: ProductApiKeyArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            serializableProvider(kind),
            name,
            {
                ...args,
                connection: args.connection === undefined ? undefined : pulumi.secret(args.connection),
                apiKey: undefined,
                organization: undefined,
                keyFingerprint: undefined,
                rotatedAt: undefined,
                rotationDueAt: undefined,
            },
            pulumi.mergeOptions(opts, { additionalSecretOutputs: ["apiKey", "connection"] }),
            "uipath",
            kind,
        );
    }
}
