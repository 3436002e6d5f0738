// Command pulumi-gen-go-sdk writes a package schema's Go SDK with the Go code
// generator of the CLI's own module (github.com/pulumi/pulumi/pkg/v3/codegen/go,
// at the CLI's version). `pulumi package gen-sdk --language go` hands the same
// job to the Go language host's GeneratePackage, which the host that can be
// built offline here (sdk/v3 v3.62.0) predates: see scripts/toolchain/README.md.
//
// Usage: pulumi-gen-go-sdk <schema.json> <out dir>
//
// The SDK is written as a packable one (`meta.supportPack`), the layout Pulumi's
// own packages use today: a Go module of its own (`<out dir>/go.mod`, module
// path from the schema's repository, `.../sdk/go`), the package in
// `<out dir>/<package>`, and the schema's version in pulumi-plugin.json, so
// programs ask the engine for the plugin at that version.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-gen-go-sdk <schema.json> <out dir>")
		os.Exit(2)
	}
	if err := generate(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func generate(schemaPath, outDir string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	if spec.Meta == nil {
		spec.Meta = &schema.MetadataSpec{}
	}
	spec.Meta.SupportPack = true
	// The schema references no other package: a loader that finds none will do.
	pkg, diags, err := schema.BindSpec(spec, schema.NewNullLoader(), schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	files, err := gogen.GeneratePackage("pulumi-language-go", pkg, nil)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(outDir); err != nil {
		return err
	}
	for name, content := range files {
		target := filepath.Join(outDir, name)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, content, 0o644); err != nil {
			return err
		}
	}
	modulePath, _, err := gogen.ModuleAndImportPath(pkg)
	if err != nil {
		return err
	}
	fmt.Println(modulePath)
	return nil
}
