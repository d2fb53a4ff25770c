#pragma once

#include "core/result.h"
#include "settings/answers.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace forgelink {

// The complete kustomization the wizard writes for `deploy.target: kubernetes`: the repository's
// base manifests (resources/deploy/kubernetes, built into the program), filled with the answers'
// host, TLS secret, ingress class, image and store, so that `kubectl apply -k DIR/kubernetes`
// deploys the agent with nothing edited by hand. SQLite: one replica that is replaced, never
// doubled, and a PersistentVolumeClaim for its database; PostgreSQL: `replicas` agents and a
// PodDisruptionBudget. The repository sync runs inside the agent (sync.daily, under its lease).
class KubernetesManifests {
public:
    struct File {
        QString name; // relative to DIR/kubernetes
        QByteArray content;
    };

    // `agentYaml` and `secretYaml` become agent.yaml (the ConfigMap's file) and forgelink-secrets.yaml.
    static Result<QList<File>> render(const Answers &answers, const QByteArray &agentYaml, const QByteArray &secretYaml);
    // The monitoring kustomization (ServiceMonitor, PrometheusRule), for DIR/kubernetes/monitoring.
    static Result<QList<File>> monitoring();
};

} // namespace forgelink
