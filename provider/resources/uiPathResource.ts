/**
 * The base of every resource class in the user's program: the one place that
 * registers a resource of one of our kinds. Every kind gets, in the same
 * order, the refusal of plaintext credentials in the stack config, the
 * connection stored as a secret, its outputs named for the engine, its secret
 * outputs encrypted, and the stack-trace pause. A guard added here reaches
 * every kind (it once ran in two of four copies).
 */
import * as pulumi from "@pulumi/pulumi";
import { resourceModule, type ResourceKindName } from "../shared/kinds";
import { providerLoader } from "../shared/loader";
import { secretPropertiesOf } from "../shared/secretOutputs";
import type { ConnectionArgs } from "./connectionArgs";
import { refusePlaintextSecrets } from "./plaintextSecrets";
import { pauseStackTraces } from "./stackTraces";

/** What a kind tells {@link UiPathResource} about itself. */
export interface ResourceRegistration {
    kind: ResourceKindName;
    /** Outputs the provider fills, named so the engine exposes them; an input of the same name keeps its value. */
    outputs: readonly string[];
}

/** Inputs every kind takes. */
export interface RegisteredInputs {
    connection?: pulumi.Input<ConnectionArgs>;
}

/** Base of every resource class of this package. */
export abstract class UiPathResource extends pulumi.dynamic.Resource {
    protected constructor(
        registration: ResourceRegistration,
        name: string,
        inputs: RegisteredInputs & Record<string, unknown>,
        opts?: pulumi.CustomResourceOptions,
    ) {
        // Before the resource is registered: the stack config is saved in state with it.
        refusePlaintextSecrets();
        const resumeStackTraces = pauseStackTraces();
        try {
            super(
                providerLoader(registration.kind),
                name,
                {
                    ...Object.fromEntries(registration.outputs.map((output) => [output, undefined])),
                    ...inputs,
                    connection: inputs.connection === undefined ? undefined : pulumi.secret(inputs.connection),
                },
                pulumi.mergeOptions(opts, { additionalSecretOutputs: [...secretPropertiesOf(registration.kind)] }),
                resourceModule,
                registration.kind,
            );
        } finally {
            resumeStackTraces();
        }
    }
}
