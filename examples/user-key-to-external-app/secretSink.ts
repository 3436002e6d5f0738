/**
 * Stands in for the resource that would receive a key in your stack: a CI
 * secret (`github.ActionsSecret`), a Kubernetes `Secret`, a vault entry. It
 * stores nothing and records only a fingerprint of what it received, so the
 * example runs anywhere and shows that dependents follow the key.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

const fingerprint = (value: string): string => createHash("sha256").update(value).digest("hex").slice(0, 16);

const sink: pulumi.dynamic.ResourceProvider = {
    async create(inputs: { value: string }) {
        return {
            id: fingerprint(inputs.value),
            outs: { value: inputs.value, receivedFingerprint: fingerprint(inputs.value) },
        };
    },
    async update(_id: string, _olds: unknown, news: { value: string }) {
        return { outs: { value: news.value, receivedFingerprint: fingerprint(news.value) } };
    },
};

export class SecretSink extends pulumi.dynamic.Resource {
    /** 16 hex digits of the SHA-256 of the value it holds. */
    declare readonly receivedFingerprint: pulumi.Output<string>;
    constructor(name: string, value: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions) {
        // The value arrives as a secret; additionalSecretOutputs keeps it one in this resource's state too.
        super(
            sink,
            name,
            { value, receivedFingerprint: undefined },
            { ...opts, additionalSecretOutputs: ["value"] },
            "example",
            "SecretSink",
        );
    }
}
