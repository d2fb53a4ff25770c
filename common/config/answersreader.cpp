#include "config/answersreader.h"

#include "config/secretresolver.h"
#include "config/yamlsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <utility>
#include <vector>

namespace forgelink {

namespace {

using FieldBinding = std::pair<const char *, QString *>;

// Copies the scalars of one section into the bound strings; anything else is an error.
void readSection(const YAML::Node &section, const QString &name,
                 const std::vector<FieldBinding> &bindings, FieldErrors &errors)
{
    if (section.IsNull())
        return; // `gitlab:` with nothing under it enables the provider with the defaults
    if (!section.IsMap()) {
        errors << FieldError{ name,
                              QCoreApplication::translate("forgelink::AnswersReader", "must be a mapping of settings, got %1")
                                      .arg(yamlTypeName(section)) };
        return;
    }
    for (const auto &entry : section) {
        const QString key = yamlScalar(entry.first);
        QString *target = nullptr;
        for (const auto &[field, binding] : bindings) {
            if (key == QLatin1String(field))
                target = binding;
        }
        const QString path = name + QLatin1Char('.') + key;
        if (!target) {
            QStringList known;
            for (const auto &binding : bindings)
                known << QString::fromLatin1(binding.first);
            errors << FieldError{ path,
                                  QCoreApplication::translate("forgelink::AnswersReader", "unknown setting; known: %1").arg(known.join(u", ")) };
            continue;
        }
        if (entry.second.IsNull()) {
            *target = QString();
        } else if (entry.second.IsScalar()) {
            *target = yamlScalar(entry.second);
        } else {
            errors << FieldError{ path,
                                  QCoreApplication::translate("forgelink::AnswersReader", "must be a single value, got %1")
                                          .arg(yamlTypeName(entry.second)) };
        }
    }
}

// Secrets given as env:NAME or file:PATH are read here: values.yaml needs the secret itself (Pipekit
// cannot resolve forgelink's references), and agent.yaml then holds the same value.
void resolveSecretReferences(Answers &answers, const QString &baseDirectory, FieldErrors &errors)
{
    std::vector<std::pair<QString, QString *>> secrets;
    if (auto &github = answers.github) {
        secrets.push_back({ QStringLiteral("github.clientSecret"), &github->clientSecret });
        secrets.push_back({ QStringLiteral("github.webhookSecret"), &github->webhookSecret });
    }
    if (auto &gitlab = answers.gitlab) {
        secrets.push_back({ QStringLiteral("gitlab.token"), &gitlab->token });
        secrets.push_back({ QStringLiteral("gitlab.webhookSecret"), &gitlab->webhookSecret });
    }
    if (auto &bitbucket = answers.bitbucket) {
        secrets.push_back({ QStringLiteral("bitbucket.token"), &bitbucket->token });
        secrets.push_back({ QStringLiteral("bitbucket.webhookSecret"), &bitbucket->webhookSecret });
    }
    if (auto &azure = answers.azureDevOps) {
        secrets.push_back({ QStringLiteral("azureDevOps.token"), &azure->token });
        secrets.push_back({ QStringLiteral("azureDevOps.webhookBasicAuthPass"), &azure->webhookBasicAuthPass });
    }
    if (auto &deploy = answers.deploy)
        secrets.push_back({ QStringLiteral("deploy.databasePassword"), &deploy->databasePassword });
    const SecretResolver resolver(baseDirectory);
    for (const auto &[field, value] : secrets) {
        if (value->startsWith(QLatin1String("keychain:"))) {
            errors << FieldError{ field, QCoreApplication::translate("forgelink::AnswersReader", "keychain: references are not read from an answers file; give the "
                                                        "secret, env:NAME or file:PATH") };
            continue;
        }
        if (!value->startsWith(QLatin1String("env:")) && !value->startsWith(QLatin1String("file:")))
            continue;
        const Result<QByteArray> resolved = resolver.resolve(*value);
        if (!resolved)
            errors << FieldError{ field, resolved.error() };
        else
            *value = QString::fromUtf8(resolved.value());
    }
}

} // namespace

AnswersReader::Reading AnswersReader::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Reading outcome;
        outcome.errors << FieldError{ path, QCoreApplication::translate("forgelink::AnswersReader", "cannot read: %1").arg(file.errorString()) };
        return outcome;
    }
    const QByteArray text = file.read(kMostConfigFileBytes + 1);
    if (text.size() > kMostConfigFileBytes) {
        Reading outcome;
        outcome.errors << FieldError{ path, QCoreApplication::translate("forgelink::AnswersReader", "is larger than %1 MiB: not an answers file")
                                                    .arg(kMostConfigFileBytes / (1024 * 1024)) };
        return outcome;
    }
    return readText(text, QFileInfo(path).absolutePath());
}

AnswersReader::Reading AnswersReader::readText(const QByteArray &text, const QString &baseDirectory)
{
    Reading outcome;
    outcome.answers.baseDirectory = baseDirectory;
    FieldErrors &errors = outcome.errors;

    const Result<YAML::Node> document = loadYamlText(text, QString());
    if (!document) {
        errors << FieldError{ QStringLiteral("answers"), document.error() };
        return outcome;
    }
    if (!document->IsMap()) {
        errors << FieldError{ QStringLiteral("answers"),
                              QCoreApplication::translate("forgelink::AnswersReader", "must be a mapping with `domain` and provider sections") };
        return outcome;
    }

    outcome.parsed = true;
    Answers &answers = outcome.answers;
    for (const auto &entry : *document) {
        const QString key = yamlScalar(entry.first);
        const YAML::Node &value = entry.second;
        if (key == u"domain") {
            if (value.IsScalar())
                answers.domain = yamlScalar(value);
            else
                errors << FieldError{ key, QCoreApplication::translate("forgelink::AnswersReader", "must be a host name, got %1").arg(yamlTypeName(value)) };
        } else if (key == u"eventsHandler") {
            if (value.IsScalar())
                answers.eventsHandlerUrl = yamlScalar(value);
            else
                errors << FieldError{ key, QCoreApplication::translate("forgelink::AnswersReader", "must be a URL, got %1").arg(yamlTypeName(value)) };
        } else if (key == u"github") {
            GitHubAnswers &github = answers.github.emplace();
            readSection(value, key,
                        { { "organization", &github.organization },
                          { "appName", &github.appName },
                          { "appId", &github.appId },
                          { "clientId", &github.clientId },
                          { "clientSecret", &github.clientSecret },
                          { "privateKeyFile", &github.privateKeyFile },
                          { "webhookSecret", &github.webhookSecret },
                          { "apiUrl", &github.apiUrl } },
                        errors);
        } else if (key == u"gitlab") {
            GitLabAnswers &gitlab = answers.gitlab.emplace();
            readSection(value, key,
                        { { "url", &gitlab.url },
                          { "token", &gitlab.token },
                          { "webhookSecret", &gitlab.webhookSecret } },
                        errors);
        } else if (key == u"bitbucket") {
            BitbucketAnswers &bitbucket = answers.bitbucket.emplace();
            readSection(value, key,
                        { { "url", &bitbucket.url },
                          { "token", &bitbucket.token },
                          { "webhookSecret", &bitbucket.webhookSecret } },
                        errors);
        } else if (key == u"azureDevOps") {
            AzureDevOpsAnswers &azure = answers.azureDevOps.emplace();
            readSection(value, key,
                        { { "organizationUrl", &azure.organizationUrl },
                          { "apiVersion", &azure.apiVersion },
                          { "token", &azure.token },
                          { "webhookBasicAuthUser", &azure.webhookBasicAuthUser },
                          { "webhookBasicAuthPass", &azure.webhookBasicAuthPass } },
                        errors);
        } else if (key == u"deploy") {
            DeployAnswers &deploy = answers.deploy.emplace();
            readSection(value, key,
                        { { "target", &deploy.target },
                          { "namespace", &deploy.ns },
                          { "image", &deploy.image },
                          { "ingressClassName", &deploy.ingressClassName },
                          { "tlsSecretName", &deploy.tlsSecretName },
                          { "store", &deploy.store },
                          { "databaseUrl", &deploy.databaseUrl },
                          { "databasePassword", &deploy.databasePassword },
                          { "replicas", &deploy.replicas } },
                        errors);
        } else if (key == u"network") {
            readSection(value, key, { { "caBundle", &answers.caBundleFile }, { "proxy", &answers.proxyUrl } }, errors);
        } else {
            errors << FieldError{ key,
                                  QCoreApplication::translate("forgelink::AnswersReader", "unknown section; known: domain, eventsHandler, github, gitlab, "
                                                 "bitbucket, azureDevOps, network, deploy") };
        }
    }
    resolveSecretReferences(answers, baseDirectory, errors);
    if (!answers.caBundleFile.isEmpty())
        answers.caBundleFile = QFileInfo(QDir(baseDirectory), answers.caBundleFile).absoluteFilePath();
    if (answers.github && !answers.github->privateKeyFile.isEmpty()) {
        const QFileInfo keyFile(QDir(baseDirectory), answers.github->privateKeyFile);
        answers.github->privateKeyFile = keyFile.absoluteFilePath();
    }
    return outcome;
}

} // namespace forgelink
