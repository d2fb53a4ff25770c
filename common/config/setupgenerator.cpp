#include "config/setupgenerator.h"

#include "config/agentconfigwriter.h"
#include "config/answersvalidator.h"
#include "config/helmvalueswriter.h"
#include "crypto/privatekey.h"
#include "crypto/secretgenerator.h"
#include "config/securefilewriter.h"

#include <QDir>
#include <QFileInfo>

namespace forgelink {

namespace {
void fillIfEmpty(QString &secret)
{
    if (secret.isEmpty())
        secret = SecretGenerator::generate();
}
} // namespace

Result<Answers> SetupGenerator::complete(Answers answers)
{
    if (auto &github = answers.github) {
        fillIfEmpty(github->webhookSecret);
        if (github->privateKeyPem.isEmpty()) {
            Result<PrivateKey> key = PrivateKey::fromFile(github->privateKeyFile);
            if (!key)
                return fail(QStringLiteral("github.privateKeyFile: %1").arg(key.error()));
            github->privateKeyPem = key->pem();
        }
    }
    if (auto &gitlab = answers.gitlab)
        fillIfEmpty(gitlab->webhookSecret);
    if (auto &bitbucket = answers.bitbucket)
        fillIfEmpty(bitbucket->webhookSecret);
    if (auto &azure = answers.azureDevOps)
        fillIfEmpty(azure->webhookBasicAuthPass);
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
    return output;
}

QStringList SetupGenerator::fileNames()
{
    return { QStringLiteral("values.yaml"), QStringLiteral("agent.yaml"), QStringLiteral("kubernetes/forgelink-secrets.yaml"),
             QStringLiteral("kubernetes/agent.yaml") };
}

QStringList SetupGenerator::existingFiles(const QString &directory)
{
    QStringList existing;
    for (const QString &name : fileNames()) {
        if (QFileInfo::exists(QDir(directory).absoluteFilePath(name)))
            existing << QDir(directory).absoluteFilePath(name);
    }
    return existing;
}

Result<void> SetupGenerator::write(const Output &output, const QString &directory, bool replace)
{
    if (const QStringList existing = existingFiles(directory); !existing.isEmpty() && !replace)
        return fail(QStringLiteral("%1 already %2; nothing was written (replace them with --force)")
                            .arg(existing.join(QStringLiteral(", ")), existing.size() == 1 ? QStringLiteral("exists") : QStringLiteral("exist")));
    QDir dir(directory);
    if (!QDir().mkpath(dir.absoluteFilePath(QStringLiteral("kubernetes"))))
        return fail(QStringLiteral("cannot create the folder %1").arg(dir.absoluteFilePath(QStringLiteral("kubernetes"))));
    const QList<QByteArray> contents{ output.valuesYaml, output.agentYaml, output.kubernetesSecretYaml, output.kubernetesAgentYaml };
    QList<SecureFileWriter::File> files;
    for (qsizetype i = 0; i < contents.size(); ++i)
        files.append({ dir.absoluteFilePath(fileNames().at(i)), contents.at(i) });
    return SecureFileWriter::writeAll(files);
}

QString SetupGenerator::helmCommand(const QString &valuesPath)
{
    return QStringLiteral("helm upgrade --install pipekit pipekit/pipekit --namespace pipekit "
                          "--reuse-values -f %1")
            .arg(valuesPath);
}

} // namespace forgelink
