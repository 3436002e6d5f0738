/**
 * engine-smoke.test.ts: a trivial dynamic resource whose "cloud" is a JSON file. The greeting and
 * the file come from stack config: `test:greeting`, `test:file`.
 */
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";

interface Inputs {
    greeting: string;
    file: string;
}
interface Outputs extends Inputs {
    message: string;
}

const provider: pulumi.dynamic.ResourceProvider<Inputs, Outputs> = {
    async create(inputs) {
        fs.writeFileSync(inputs.file, JSON.stringify({ message: inputs.greeting + ", world" }));
        return { id: "greeting-1", outs: { ...inputs, message: inputs.greeting + ", world" } };
    },
    async update(_id, _olds, news) {
        fs.writeFileSync(news.file, JSON.stringify({ message: news.greeting + ", world" }));
        return { outs: { ...news, message: news.greeting + ", world" } };
    },
    async read(id, props) {
        // The engine passes no props when it reads a resource it has no state for (an import).
        if (props === undefined) throw new Error(`Greeting ${id}: nothing to read without its state`);
        const { message } = JSON.parse(fs.readFileSync(props.file, "utf8")) as { message: string };
        return { id, props: { ...props, message } };
    },
    async delete(_id, props) {
        fs.rmSync(props.file, { force: true });
    },
};

class Greeting extends pulumi.dynamic.Resource {
    declare readonly message: pulumi.Output<string>;
    constructor(name: string, args: Inputs) {
        super(provider, name, { ...args, message: undefined }, undefined, "smoke", "Greeting");
    }
}

const cfg = new pulumi.Config("test");
const g = new Greeting("hello", { greeting: cfg.require("greeting"), file: cfg.require("file") });
export const message = g.message;
