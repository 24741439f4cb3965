#!/usr/bin/env bash
# Validates the deploy files with linters installed from the package registries (no container
# engine or cluster here): hadolint for the Dockerfile, the compose-spec schema for the compose
# file, Kubernetes' own schemas for the manifests. The KEDA resources and the kustomization
# have no schema there; tests/unit/deploy/test_kubernetes.py checks what they refer to.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
"$bin/hadolint" deploy/Dockerfile
"$bin/check-jsonschema" --builtin-schema vendor.compose-spec docker-compose.yml
manifests=()
for file in deploy/k8s/base/*.yaml; do
  case "$(basename "$file")" in kustomization.yaml|keda.yaml) ;; *) manifests+=("$file") ;; esac
done
"$bin/kubernetes-validate" --strict --quiet "${manifests[@]}"
echo "deploy lint: clean"
