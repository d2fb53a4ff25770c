#include "config/answersreader.h"

#include "config/secretresolver.h"
#include "config/yamlsection.h"
#include "config/yamlsupport.h"
#include "providers/providerregistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <functional>
#include <utility>
#include <vector>

namespace forgelink {

namespace {

using FieldBinding = std::pair<QString, QString *>;

// Copies the scalars of one section to `assign`, for the keys it knows; anything else is an error.
void readSection(const YAML::Node &node, const QString &name, const QStringList &known,
                 const std::function<void(const QString &key, const QString &value)> &assign, FieldErrors &errors)
{
    if (node.IsNull())
        return; // `gitlab:` with nothing under it enables the provider with the defaults
    if (!node.IsMap()) {
        errors << FieldError{ name,
                              QCoreApplication::translate("forgelink::AnswersReader", "must be a mapping of settings, got %1")
                                      .arg(yamlTypeName(node)) };
        return;
    }
    YamlSection section(node, name, errors);
    for (const QString &key : known) {
        const QByteArray latin = key.toLatin1();
        if (const auto value = section.textOrEmpty(latin.constData()))
            assign(key, *value);
    }
    section.reportUnknownKeys();
}

// A section of forgelink's own (deploy, network), bound to the strings of Answers.
void readSection(const YAML::Node &section, const QString &name, const std::vector<FieldBinding> &bindings, FieldErrors &errors)
{
    QStringList known;
    for (const auto &binding : bindings)
        known << binding.first;
    readSection(section, name, known, [&bindings](const QString &key, const QString &value) {
        for (const auto &[field, target] : bindings) {
            if (field == key)
                *target = value;
        }
    }, errors);
}

// A provider's section: the fields it declares that an answers file may give.
void readProviderSection(const YAML::Node &section, const GitProvider &provider, ProviderAnswers &answers, FieldErrors &errors)
{
    QStringList known;
    for (const ProviderField &field : provider.answerFields()) {
        if (field.fromAnswersFile)
            known << field.key;
    }
    readSection(section, provider.section(), known, [&answers](const QString &key, const QString &value) { answers.set(key, value); }, errors);
}

// A secret given as env:NAME or file:PATH, read; any other value as it is. values.yaml needs the
// secret itself (Pipekit cannot resolve forgelink's references), and agent.yaml then holds the same.
QString resolvedSecret(const QString &field, const QString &value, const SecretResolver &resolver, FieldErrors &errors)
{
    if (value.startsWith(QLatin1String("keychain:"))) {
        errors << FieldError{ field, QCoreApplication::translate("forgelink::AnswersReader", "keychain: references are not read from an answers file; give the "
                                                    "secret, env:NAME or file:PATH") };
        return value;
    }
    if (!value.startsWith(QLatin1String("env:")) && !value.startsWith(QLatin1String("file:")))
        return value;
    const Result<QByteArray> resolved = resolver.resolve(value);
    if (!resolved) {
        errors << FieldError{ field, resolved.error() };
        return value;
    }
    return QString::fromUtf8(resolved.value());
}

void resolveSecretReferences(Answers &answers, const QString &baseDirectory, FieldErrors &errors)
{
    const SecretResolver resolver(baseDirectory);
    for (auto it = answers.providers.begin(); it != answers.providers.end(); ++it) {
        const GitProvider &provider = ProviderRegistry::get(it.key());
        for (const ProviderField &field : provider.answerFields()) {
            if (field.isSecret() && field.fromAnswersFile && it->has(field.key))
                it->set(field.key, resolvedSecret(provider.section() + QLatin1Char('.') + field.key, it->value(field.key), resolver, errors));
        }
    }
    if (auto &deploy = answers.deploy)
        deploy->databasePassword = resolvedSecret(QStringLiteral("deploy.databasePassword"), deploy->databasePassword, resolver, errors);
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
        } else if (const GitProvider *provider = ProviderRegistry::findBySection(key)) {
            readProviderSection(value, *provider, ProviderRegistry::enable(answers, provider->kind()), errors);
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
            QStringList known{ QStringLiteral("domain"), QStringLiteral("eventsHandler") };
            known << ProviderRegistry::sections() << QStringLiteral("network") << QStringLiteral("deploy");
            errors << FieldError{ key, QCoreApplication::translate("forgelink::AnswersReader", "unknown section; known: %1").arg(known.join(u", ")) };
        }
    }
    resolveSecretReferences(answers, baseDirectory, errors);
    if (!answers.caBundleFile.isEmpty())
        answers.caBundleFile = QFileInfo(QDir(baseDirectory), answers.caBundleFile).absoluteFilePath();
    for (auto it = answers.providers.begin(); it != answers.providers.end(); ++it) {
        for (const ProviderField &field : ProviderRegistry::get(it.key()).answerFields()) {
            if (const QString path = it->value(field.key); field.kind == ProviderField::Kind::File && !path.isEmpty())
                it->set(field.key, QFileInfo(QDir(baseDirectory), path).absoluteFilePath());
        }
    }
    return outcome;
}

} // namespace forgelink
