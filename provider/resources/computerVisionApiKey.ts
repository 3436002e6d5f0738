import type * as pulumi from "@pulumi/pulumi";
import { ProductApiKey, type ProductApiKeyArgs } from "./productApiKey";

/**
 * The organization's Computer Vision API key. Create adopts the current key;
 * regenerating (a rotation) makes the old key fail at once.
 */
export class ComputerVisionApiKey extends ProductApiKey {
    constructor(name: string, args: ProductApiKeyArgs = {}, opts?: pulumi.CustomResourceOptions) {
        super("ComputerVisionApiKey", name, args, opts);
    }
}
