#include "config/setupgenerator.h"

#include "config/agentconfigwriter.h"
#include "config/answersvalidator.h"
#include "config/helmvalueswriter.h"
#include "crypto/privatekey.h"
#include "crypto/secretgenerator.h"
#include "config/securefilewriter.h"

#include <QDir>

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
    return output;
}

Result<void> SetupGenerator::write(const Output &output, const QString &directory)
{
    QDir dir(directory);
    if (!dir.exists() && !QDir().mkpath(directory))
        return fail(QStringLiteral("cannot create the folder %1").arg(directory));
    return SecureFileWriter::writeAll({ { dir.absoluteFilePath(QStringLiteral("values.yaml")), output.valuesYaml },
                                        { dir.absoluteFilePath(QStringLiteral("agent.yaml")), output.agentYaml } });
}

QString SetupGenerator::helmCommand(const QString &valuesPath)
{
    return QStringLiteral("helm upgrade --install pipekit pipekit/pipekit --namespace pipekit "
                          "--reuse-values -f %1")
            .arg(valuesPath);
}

} // namespace forgelink
