import type * as pulumi from "@pulumi/pulumi";
import { ProductApiKey, type ProductApiKeyArgs } from "./productApiKey";

/**
 * The organization's Document Understanding API key, sent as
 * `X-UIPATH-License` on Document Understanding calls. Create adopts the
 * current key; regenerating (a rotation) makes the old key fail at once.
 */
export class DocumentUnderstandingApiKey extends ProductApiKey {
    constructor(name: string, args: ProductApiKeyArgs = {}, opts?: pulumi.CustomResourceOptions) {
        super("DocumentUnderstandingApiKey", name, args, opts);
    }
}
