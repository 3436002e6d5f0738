/**
 * A dependent that consumes a key, like a CI secret store: a dynamic resource that writes the
 * value it receives to a file in the project folder. Test programs import it as `./consumer`;
 * {@link TestStack} puts it next to every program.
 */
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";

interface Entry {
    file: string;
    value: string;
}

const secretStore: pulumi.dynamic.ResourceProvider<Entry, Entry> = {
    async create(inputs) {
        fs.writeFileSync(inputs.file, inputs.value);
        return { id: inputs.file, outs: { file: inputs.file, value: inputs.value } };
    },
    async update(_id, _olds, news) {
        fs.writeFileSync(news.file, news.value);
        return { outs: { file: news.file, value: news.value } };
    },
    async delete(_id, props) {
        fs.rmSync(props.file, { force: true });
    },
};

export class SecretStoreEntry extends pulumi.dynamic.Resource {
    constructor(name: string, args: { file: string; value: pulumi.Input<string> }) {
        super(secretStore, name, args, { additionalSecretOutputs: ["value"] }, "test", "SecretStoreEntry");
    }
}
