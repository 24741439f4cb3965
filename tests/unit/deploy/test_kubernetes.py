"""The Kubernetes base (deploy/k8s/base) holds together: the kustomization lists every file,
every pod meets the "restricted" Pod Security Standard, every Deployment has limits and a
disruption budget, storage migrates before it serves, and KEDA scales real Deployments on
real queues. (scripts/lint_deploy.sh validates the resources against Kubernetes' schemas.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kit.jobs import KINDS

BASE = Path(__file__).resolve().parents[3] / "deploy" / "k8s" / "base"


def kustomization() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((BASE / "kustomization.yaml").read_text())
    return loaded


def resources() -> list[dict[str, Any]]:
    found = []
    for name in kustomization()["resources"]:
        found += [doc for doc in yaml.safe_load_all((BASE / name).read_text()) if doc]
    return found


def of_kind(kind: str) -> list[dict[str, Any]]:
    return [doc for doc in resources() if doc["kind"] == kind]


def test_the_kustomization_lists_every_manifest_and_pins_the_image() -> None:
    listed = set(kustomization()["resources"])
    on_disk = {path.name for path in BASE.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == on_disk
    [image] = kustomization()["images"]
    assert image["name"] == "resumeai" and "/" in image["newName"] and image["newTag"]


def _containers(deployment: dict[str, Any]) -> list[dict[str, Any]]:
    pod = deployment["spec"]["template"]["spec"]
    return [*pod.get("initContainers", []), *pod["containers"]]


@pytest.mark.parametrize("name", ["storage", "gateway", "tailor-worker", "export-worker"])
def test_pods_meet_the_restricted_pod_security_standard(name: str) -> None:
    [deployment] = [d for d in of_kind("Deployment") if d["metadata"]["name"] == name]
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert not any(key.startswith("host") for key in pod)
    assert all("hostPath" not in volume for volume in pod.get("volumes", []))
    for container in _containers(deployment):
        context = container["securityContext"]
        assert context["allowPrivilegeEscalation"] is False
        assert context["capabilities"] == {"drop": ["ALL"]}
        assert context["readOnlyRootFilesystem"] is True
        assert container["image"] == "resumeai"
        assert container["resources"]["limits"]["memory"]
        assert container["resources"]["requests"]["memory"]
        refs = container["envFrom"]
        assert {"configMapRef": {"name": "resumeai-config"}} in refs
        assert {"secretRef": {"name": "resumeai"}} in refs


def test_every_deployment_has_a_disruption_budget() -> None:
    budgets = {
        budget["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"]
        for budget in of_kind("PodDisruptionBudget")
    }
    deployments = {
        d["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"]
        for d in of_kind("Deployment")
    }
    assert deployments == budgets


def test_storage_migrates_before_it_serves() -> None:
    [storage] = [d for d in of_kind("Deployment") if d["metadata"]["name"] == "storage"]
    [migrate] = storage["spec"]["template"]["spec"]["initContainers"]
    assert migrate["command"][-1] == "migrate"
    assert not of_kind("Job"), "a separate Job would race the new pods"


def test_keda_scales_the_workers_on_their_queues() -> None:
    deployments = {d["metadata"]["name"] for d in of_kind("Deployment")}
    secrets = {
        ref["name"]
        for auth in of_kind("TriggerAuthentication")
        for ref in auth["spec"]["secretTargetRef"]
    }
    scaled = {}
    for scaled_object in of_kind("ScaledObject"):
        target = scaled_object["spec"]["scaleTargetRef"]["name"]
        assert target in deployments
        [trigger] = scaled_object["spec"]["triggers"]
        assert trigger["type"] == "rabbitmq"
        assert trigger["metadata"]["queueName"] in KINDS
        assert {a["metadata"]["name"] for a in of_kind("TriggerAuthentication")} >= {
            trigger["authenticationRef"]["name"]
        }
        scaled[target] = trigger["metadata"]["queueName"]
    assert scaled == {"tailor-worker": "tailor", "export-worker": "export"}
    assert secrets == {"resumeai"}
