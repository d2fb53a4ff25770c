#include "wizardsession.h"

#include "secretstore.h"
#include "providers/providerregistry.h"

#include <QSettings>

namespace forgelink {

namespace {

// The keychain's name for a secret field: section.key, or the name sessions already use.
QString keychainName(const GitProvider &provider, const ProviderField &field)
{
    return field.keychainName.isEmpty() ? provider.section() + QLatin1Char('.') + field.key : field.keychainName;
}

// A key read from its file stays there: only a key without one (GitHub's, from the manifest
// flow) is kept in the keychain.
bool keyHasFile(const GitProvider &provider, const ProviderAnswers &answers)
{
    for (const ProviderField &field : provider.answerFields()) {
        if (field.kind == ProviderField::Kind::File && !answers.value(field.key).isEmpty())
            return true;
    }
    return false;
}

} // namespace

WizardSession::WizardSession(QString settingsFile, SecretStore &secrets) : m_settingsFile(std::move(settingsFile)), m_secrets(secrets) { }

QStringList WizardSession::secretKeys()
{
    QStringList keys;
    for (const GitProvider *provider : ProviderRegistry::all()) {
        for (const ProviderField &field : provider->answerFields()) {
            if (field.isSecret())
                keys << keychainName(*provider, field);
        }
    }
    return keys;
}

void WizardSession::save(const Answers &answers, int pageId, const QString &outputFolder)
{
    QSettings settings(m_settingsFile, QSettings::IniFormat);
    settings.clear();
    settings.setValue(QStringLiteral("page"), pageId);
    settings.setValue(QStringLiteral("outputFolder"), outputFolder);
    settings.setValue(QStringLiteral("domain"), answers.domain);
    settings.setValue(QStringLiteral("network/caBundle"), answers.caBundleFile);
    settings.setValue(QStringLiteral("network/proxy"), answers.proxyUrl);
    settings.setValue(QStringLiteral("eventsHandler"), answers.eventsHandlerUrl);
    // Every provider's secrets are written, empty for a provider not enabled, so none outlives
    // the answer it belonged to.
    for (const GitProvider *provider : ProviderRegistry::all()) {
        const ProviderAnswers *values = answers.provider(provider->kind());
        if (values)
            settings.setValue(provider->section() + QStringLiteral("/enabled"), true);
        for (const ProviderField &field : provider->answerFields()) {
            const QString value = values ? values->value(field.key) : QString();
            if (!field.isSecret()) {
                if (values)
                    settings.setValue(provider->section() + QLatin1Char('/') + field.key, value);
            } else if (field.kind == ProviderField::Kind::PrivateKey && values && keyHasFile(*provider, *values))
                m_secrets.write(keychainName(*provider, field), QString());
            else
                m_secrets.write(keychainName(*provider, field), value);
        }
    }
}

Answers WizardSession::load(int *pageId, QString *outputFolder) const
{
    QSettings settings(m_settingsFile, QSettings::IniFormat);
    Answers answers;
    if (pageId)
        *pageId = settings.value(QStringLiteral("page"), -1).toInt();
    if (outputFolder)
        *outputFolder = settings.value(QStringLiteral("outputFolder")).toString();
    answers.domain = settings.value(QStringLiteral("domain")).toString();
    answers.caBundleFile = settings.value(QStringLiteral("network/caBundle")).toString();
    answers.proxyUrl = settings.value(QStringLiteral("network/proxy")).toString();
    answers.eventsHandlerUrl = settings.value(QStringLiteral("eventsHandler")).toString();
    for (const GitProvider *provider : ProviderRegistry::all()) {
        if (!settings.value(provider->section() + QStringLiteral("/enabled")).toBool())
            continue;
        ProviderAnswers &values = ProviderRegistry::enable(answers, provider->kind());
        for (const ProviderField &field : provider->answerFields()) {
            const QString key = provider->section() + QLatin1Char('/') + field.key;
            if (!field.isSecret() && settings.contains(key))
                values.set(field.key, settings.value(key).toString());
        }
    }
    return answers;
}

void WizardSession::addSecrets(Answers answers, std::function<void(const Answers &)> done)
{
    m_secrets.read(secretKeys(), [answers, done](const QHash<QString, QString> &stored) mutable {
        for (auto it = answers.providers.begin(); it != answers.providers.end(); ++it) {
            const GitProvider &provider = ProviderRegistry::get(it.key());
            for (const ProviderField &field : provider.answerFields()) {
                if (!field.isSecret() || (field.kind == ProviderField::Kind::PrivateKey && keyHasFile(provider, *it)))
                    continue;
                if (const auto value = stored.constFind(keychainName(provider, field)); value != stored.constEnd())
                    it->set(field.key, value.value());
            }
        }
        done(answers);
    });
}

void WizardSession::clear()
{
    QSettings settings(m_settingsFile, QSettings::IniFormat);
    settings.clear();
    for (const QString &key : secretKeys())
        m_secrets.write(key, QString());
}

} // namespace forgelink
