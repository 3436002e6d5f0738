// The pulumi-uipath-keys policy pack as it ships: every policy, mandatory unless a
// --policy-pack-config file says otherwise. Needs @pulumi/policy installed next to the package.
require("pulumi-uipath-keys/policy").createPolicyPack();
