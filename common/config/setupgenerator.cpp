#include "config/setupgenerator.h"

#include "config/agentconfigwriter.h"
#include "config/answersvalidator.h"
#include "config/helmvalueswriter.h"
#include "config/kubernetesmanifests.h"
#include "crypto/privatekey.h"
#include "crypto/secretgenerator.h"
#include "config/securefilewriter.h"
#include "providers/providerregistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace forgelink {

Result<Answers> SetupGenerator::complete(Answers answers)
{
    // Secrets left empty are generated; a key is read from the provider's key file.
    for (auto it = answers.providers.begin(); it != answers.providers.end(); ++it) {
        const GitProvider &provider = ProviderRegistry::get(it.key());
        const ProviderFields fields = provider.answerFields();
        for (const ProviderField &field : fields) {
            if (!it->value(field.key).isEmpty())
                continue;
            if (field.kind == ProviderField::Kind::GeneratedSecret) {
                it->set(field.key, SecretGenerator::generate());
            } else if (field.kind == ProviderField::Kind::PrivateKey) {
                for (const ProviderField &file : fields) {
                    if (file.kind != ProviderField::Kind::File)
                        continue;
                    Result<PrivateKey> key = PrivateKey::fromFile(it->value(file.key));
                    if (!key)
                        return fail(QStringLiteral("%1.%2: %3").arg(provider.section(), file.key, key.error()));
                    it->set(field.key, QString::fromUtf8(key->pem()));
                }
            }
        }
    }
    return answers;
}

Result<SetupGenerator::Output> SetupGenerator::generate(const Answers &answers, const ValuesLayout &layout)
{
    const FieldErrors errors = AnswersValidator::validate(answers);
    if (!errors.isEmpty())
        return fail(toStringList(errors).join(QLatin1Char('\n')));
    Result<Answers> completed = complete(answers);
    if (!completed)
        return fail(completed.error());
    Output output;
    output.answers = completed.value();
    output.valuesYaml = HelmValuesWriter::render(output.answers, layout);
    output.agentYaml = AgentConfigWriter::render(output.answers);
    const AgentConfigWriter::Kubernetes kubernetes = AgentConfigWriter::renderForKubernetes(output.answers);
    output.kubernetesAgentYaml = kubernetes.agentYaml;
    output.kubernetesSecretYaml = kubernetes.secretYaml;
    if (const auto &deploy = output.answers.deploy) {
        if (deploy->isKubernetes()) {
            Result<QList<KubernetesManifests::File>> manifests =
                    KubernetesManifests::render(output.answers, kubernetes.agentYaml, kubernetes.secretYaml);
            if (!manifests)
                return fail(manifests.error());
            Result<QList<KubernetesManifests::File>> monitoring = KubernetesManifests::monitoring();
            if (!monitoring)
                return fail(monitoring.error());
            for (const KubernetesManifests::File &file : manifests.value() + monitoring.value()) {
                // agent.yaml and forgelink-secrets.yaml are written as every time.
                if (file.name != u"agent.yaml" && file.name != u"forgelink-secrets.yaml")
                    output.deploymentFiles.append({ QStringLiteral("kubernetes/") + file.name, file.content });
            }
        } else if (deploy->isVm()) {
            // Behind the host's nginx: the agent listens on loopback only.
            output.deploymentFiles.append({ QStringLiteral("vm/agent.yaml"), AgentConfigWriter::render(output.answers, QStringLiteral("127.0.0.1:8080")) });
            QFile snippet(QStringLiteral(":/forgelink/deploy/vm/nginx-forgelink.conf"));
            if (!snippet.open(QIODevice::ReadOnly))
                return fail(QStringLiteral("the built-in nginx snippet is missing"));
            output.deploymentFiles.append({ QStringLiteral("vm/nginx-forgelink.conf"), snippet.readAll() });
        } else {
            output.deploymentFiles.append({ QStringLiteral("container/agent.yaml"), AgentConfigWriter::render(output.answers) });
        }
    }
    return output;
}

QStringList SetupGenerator::Output::fileNames() const
{
    QStringList names = SetupGenerator::fileNames();
    for (const auto &[name, content] : deploymentFiles)
        names << name;
    return names;
}

QStringList SetupGenerator::fileNames()
{
    return { QStringLiteral("values.yaml"), QStringLiteral("agent.yaml"), QStringLiteral("kubernetes/forgelink-secrets.yaml"),
             QStringLiteral("kubernetes/agent.yaml") };
}

QStringList SetupGenerator::existingFiles(const QString &directory, const QStringList &names)
{
    QStringList existing;
    for (const QString &name : names) {
        if (QFileInfo::exists(QDir(directory).absoluteFilePath(name)))
            existing << QDir(directory).absoluteFilePath(name);
    }
    return existing;
}

Result<void> SetupGenerator::write(const Output &output, const QString &directory, bool replace)
{
    if (const QStringList existing = existingFiles(directory, output.fileNames()); !existing.isEmpty() && !replace)
        return fail(QStringLiteral("%1 already %2; nothing was written (replace them with --force)")
                            .arg(existing.join(QStringLiteral(", ")), existing.size() == 1 ? QStringLiteral("exists") : QStringLiteral("exist")));
    QDir dir(directory);
    QList<QPair<QString, QByteArray>> contents{ { fileNames().at(0), output.valuesYaml },
                                                { fileNames().at(1), output.agentYaml },
                                                { fileNames().at(2), output.kubernetesSecretYaml },
                                                { fileNames().at(3), output.kubernetesAgentYaml } };
    contents += output.deploymentFiles;
    QList<SecureFileWriter::File> files;
    for (const auto &[name, content] : std::as_const(contents)) {
        const QString path = dir.absoluteFilePath(name);
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return fail(QStringLiteral("cannot create the folder %1").arg(QFileInfo(path).absolutePath()));
        files.append({ path, content });
    }
    return SecureFileWriter::writeAll(files);
}

QString SetupGenerator::helmCommand(const QString &valuesPath)
{
    return QStringLiteral("helm upgrade --install pipekit pipekit/pipekit --namespace pipekit "
                          "--reuse-values -f %1")
            .arg(valuesPath);
}

} // namespace forgelink
