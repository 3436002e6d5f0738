/**
 * A stand-in for whatever consumes a key (a CI secret store, a robot's
 * configuration): it records only a fingerprint of the value it was given,
 * so the demo shows dependents being updated without writing keys anywhere.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

const consumer: pulumi.dynamic.ResourceProvider = {
    async create(inputs: { name: string; value: string }) {
        const receivedFingerprint = createHash("sha256").update(inputs.value).digest("hex").slice(0, 16);
        return { id: inputs.name, outs: { name: inputs.name, value: inputs.value, receivedFingerprint } };
    },
    async update(_id: string, _olds: unknown, news: { name: string; value: string }) {
        const receivedFingerprint = createHash("sha256").update(news.value).digest("hex").slice(0, 16);
        return { outs: { name: news.name, value: news.value, receivedFingerprint } };
    },
};

export class SecretConsumer extends pulumi.dynamic.Resource {
    declare readonly receivedFingerprint: pulumi.Output<string>;
    constructor(name: string, value: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions) {
        super(
            consumer,
            name,
            { name, value, receivedFingerprint: undefined },
            { ...opts, additionalSecretOutputs: ["value"] },
            "demo",
            "SecretConsumer",
        );
    }
}
