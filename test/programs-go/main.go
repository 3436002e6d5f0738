// The lifecycle program of test/goProgram.test.ts: the resources of the provider plugin through
// the Go SDK that the CLI's Go code generator writes from schema.json (see
// test/helpers/goProgram.ts). The same resources and outputs as test/programs-yaml/Pulumi.yaml.
// Config under `test:`: `trigger` (the rotation trigger of the key and the managed secret) and
// `assetValue` (a secret).
package main

import (
	"pulumi-uipath-keys/sdk/go/uipathkeys"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		trigger := pulumi.String(cfg.Require("trigger"))

		orchestrator, err := uipathkeys.NewOrchestratorApiAccess(ctx, "orchestrator", &uipathkeys.OrchestratorApiAccessArgs{
			Tenant:          pulumi.String("DefaultTenant"),
			RotationTrigger: trigger,
		})
		if err != nil {
			return err
		}
		app, err := uipathkeys.NewExternalApplication(ctx, "app", &uipathkeys.ExternalApplicationArgs{
			Name:              pulumi.String("lifecycle-app"),
			ApplicationScopes: pulumi.StringArray{pulumi.String("OR.Jobs.Read")},
		})
		if err != nil {
			return err
		}
		appSecret, err := uipathkeys.NewExternalApplicationSecret(ctx, "appSecret", &uipathkeys.ExternalApplicationSecretArgs{
			ClientId:        app.ClientId.Elem(),
			RotationTrigger: trigger,
		})
		if err != nil {
			return err
		}
		asset, err := uipathkeys.NewOrchestratorAsset(ctx, "asset", &uipathkeys.OrchestratorAssetArgs{
			Tenant:    pulumi.String("DefaultTenant"),
			Folder:    pulumi.String("Shared"),
			Name:      pulumi.String("LifecycleText"),
			ValueType: pulumi.String("Text"),
			Value:     cfg.RequireSecret("assetValue"),
		})
		if err != nil {
			return err
		}

		ctx.Export("userKey", orchestrator.UserKey)
		ctx.Export("keyFingerprint", orchestrator.KeyFingerprint)
		ctx.Export("clientId", app.ClientId)
		ctx.Export("firstSecret", app.Secret)
		ctx.Export("managedSecret", appSecret.Secret)
		ctx.Export("managedSecretId", appSecret.SecretId)
		ctx.Export("assetId", asset.AssetId)
		return nil
	})
}
