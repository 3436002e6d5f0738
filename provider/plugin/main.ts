/**
 * The entry of the provider plugin `pulumi-resource-uipath-keys`
 * (`bin/pulumi-resource-uipath-keys` runs it with node): serves the kinds of
 * the runtime (`pulumi-uipath-keys/runtime`, the dynamic path's) over
 * Pulumi's provider protocol, with `@pulumi/pulumi/provider`'s server.
 */
import { main } from "@pulumi/pulumi/provider";
import * as runtime from "../runtime";
import { captureConfigure } from "./configure";
import { packageVersion, readSchema } from "./packageFiles";
import { pluginProvider } from "./provider";

captureConfigure(runtime);
void main(pluginProvider(runtime, { version: packageVersion(), getSchema: readSchema }), process.argv.slice(2));
