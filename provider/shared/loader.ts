/**
 * The provider object handed to `pulumi.dynamic.Resource`. Pulumi serializes
 * it into state (`__provider`) and runs that stored copy for every later
 * operation, including refresh and destroy from another checkout or machine.
 * So it holds none of our code and no machine paths: each method requires
 * this package by name, in the provider process, when called, and forwards.
 * (Capturing the real implementation would also fail: zod schemas and a got
 * instance hold bound functions the closure serializer cannot copy.)
 */
import type * as pulumi from "@pulumi/pulumi";

export type ResourceKindName = "OrchestratorApiAccess" | "DocumentUnderstandingApiKey" | "ComputerVisionApiKey";

type Runtime = typeof import("../runtime");

export function serializableProvider(kind: ResourceKindName): pulumi.dynamic.ResourceProvider {
    /* eslint-disable @typescript-eslint/no-require-imports -- resolved at call time, by package name, on purpose */
    return {
        configure: (req) => (require("pulumi-uipath-keys/runtime") as Runtime).configure(req),
        check: (olds, news) => (require("pulumi-uipath-keys/runtime") as Runtime).provider(kind).check!(olds, news),
        diff: (id, olds, news) => (require("pulumi-uipath-keys/runtime") as Runtime).provider(kind).diff!(id, olds, news),
        create: (inputs) => (require("pulumi-uipath-keys/runtime") as Runtime).provider(kind).create(inputs),
        read: (id, props) => (require("pulumi-uipath-keys/runtime") as Runtime).provider(kind).read!(id, props),
        update: (id, olds, news) => (require("pulumi-uipath-keys/runtime") as Runtime).provider(kind).update!(id, olds, news),
        delete: (id, props) => (require("pulumi-uipath-keys/runtime") as Runtime).provider(kind).delete!(id, props),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
}
