#pragma once

#include "config/valueslayout.h"
#include "core/fielderror.h"
#include "core/result.h"
#include "settings/answers.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>

namespace forgelink {

// Turns valid answers into the files an admin needs: values.yaml for Pipekit's chart, agent.yaml
// for forgelink-agent, and for Kubernetes the Secret forgelink-secrets with an agent.yaml that
// reads every secret from its mount. The wizard's last page and `--batch` share it.
class SetupGenerator {
public:
    struct Output {
        Answers answers; // with generated secrets and the loaded key
        QByteArray valuesYaml;
        QByteArray agentYaml;
        QByteArray kubernetesAgentYaml;  // kubernetes/agent.yaml
        QByteArray kubernetesSecretYaml; // kubernetes/forgelink-secrets.yaml
        // With a `deploy` section, what that deployment needs besides (names relative to DIR):
        // kubernetes/ a complete kustomization, vm/ a loopback agent.yaml and an nginx snippet,
        // container/ its agent.yaml.
        QList<QPair<QString, QByteArray>> deploymentFiles;

        QStringList fileNames() const;
    };

    // Fills every empty secret with a fresh one and loads the private key file.
    static Result<Answers> complete(Answers answers);

    static Result<Output> generate(const Answers &answers, const ValuesLayout &layout);

    // Writes DIR/values.yaml, DIR/agent.yaml, DIR/kubernetes/forgelink-secrets.yaml and
    // DIR/kubernetes/agent.yaml, all 0600; creates the folders when missing. Files already there are
    // replaced only with `replace`; otherwise the error names them and nothing is written.
    static Result<void> write(const Output &output, const QString &directory, bool replace);
    // The files write() writes for every answers, relative to DIR.
    static QStringList fileNames();
    // Those of `names` (default: fileNames()) already in DIR.
    static QStringList existingFiles(const QString &directory, const QStringList &names = fileNames());

    static QString helmCommand(const QString &valuesPath);
};

} // namespace forgelink
