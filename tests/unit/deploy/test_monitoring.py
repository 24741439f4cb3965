"""The alert rules and the dashboard in deploy/monitoring read metrics the services export,
under the names they export them (a renamed metric would silently blank a panel or mute an
alert)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from prometheus_client import REGISTRY

import kit.metrics  # noqa: F401  # registers every metric

MONITORING = Path(__file__).resolve().parents[3] / "deploy" / "monitoring"
OURS = re.compile(r"\b((?:resumeai|grpc_server)_[a-z_]+)\b")
SUFFIXES = {"counter": ("_total",), "gauge": ("",), "histogram": ("_bucket", "_count", "_sum")}


def exported() -> set[str]:
    names = set()
    for family in REGISTRY.collect():
        for suffix in SUFFIXES.get(family.type, ()):
            names.add(family.name + suffix)
    return names


def alert_rules() -> list[dict[str, object]]:
    document = yaml.safe_load((MONITORING / "alerts.yml").read_text())
    return [rule for group in document["groups"] for rule in group["rules"]]


def dashboard_exprs() -> list[str]:
    dashboard = json.loads((MONITORING / "grafana-dashboard.json").read_text())
    return [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]


def test_alerts_are_complete_rules() -> None:
    rules = alert_rules()
    assert {"ResumeAIDeadLetters", "ResumeAIWorkWaiting", "ResumeAIErrorRatio"} <= {
        str(rule["alert"]) for rule in rules
    }
    for rule in rules:
        assert rule["expr"] and rule["for"], rule["alert"]
        assert rule["labels"]["severity"] in ("page", "ticket"), rule["alert"]  # type: ignore[index]
        assert rule["annotations"]["summary"], rule["alert"]  # type: ignore[index]


def test_every_metric_read_is_exported() -> None:
    names = exported()
    exprs = [str(rule["expr"]) for rule in alert_rules()] + dashboard_exprs()
    read = {name for expr in exprs for name in OURS.findall(expr)}
    assert read, "no metric found in the rules and the dashboard"
    assert read <= names, sorted(read - names)


def test_the_dashboard_panels_have_unique_ids_and_titles() -> None:
    dashboard = json.loads((MONITORING / "grafana-dashboard.json").read_text())
    ids = [panel["id"] for panel in dashboard["panels"]]
    titles = [panel["title"] for panel in dashboard["panels"]]
    assert len(set(ids)) == len(ids) and len(set(titles)) == len(titles)
