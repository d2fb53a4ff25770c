#pragma once

#include "settings/answers.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace forgelink {

// Writes agent.yaml from the same answers as the values file, so the agent verifies deliveries
// with exactly the secrets Pipekit's chart was given. Two shapes: secrets as literals (the file is
// created 0600 and lives beside the agent), or for Kubernetes, every secret as a `file:` reference
// into the mounted Secret `forgelink-secrets`, whose keys and values come with it.
class AgentConfigWriter {
public:
    // Secrets as literals; `listen` is loopback where a reverse proxy on the same host fronts it.
    static QByteArray render(const Answers &answers, const QString &listen = QStringLiteral("0.0.0.0:8080"));

    // Where the Kubernetes base mounts the Secret (DESIGN: "Kubernetes output of the wizard").
    static constexpr const char *kSecretMount = "/var/run/secrets/forgelink";
    static constexpr const char *kSecretName = "forgelink-secrets";
    // Where the wizard's Kubernetes deployment keeps the SQLite database (a PersistentVolumeClaim).
    static constexpr const char *kDataPath = "/var/lib/forgelink";
    struct Kubernetes {
        QByteArray agentYaml;
        QList<QPair<QString, QByteArray>> secrets; // the Secret's keys, in the order they appear
        QByteArray secretYaml;                     // the Secret manifest (stringData)
    };
    static Kubernetes renderForKubernetes(const Answers &answers);
};

} // namespace forgelink
