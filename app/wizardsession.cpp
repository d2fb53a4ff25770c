#include "wizardsession.h"

#include "secretstore.h"

#include <QSettings>

namespace forgelink {

namespace {

// Where each secret of the answers lives, by keychain key.
QString *secretField(Answers &answers, const QString &key)
{
    if (key == u"github.clientSecret" && answers.github) return &answers.github->clientSecret;
    if (key == u"github.webhookSecret" && answers.github) return &answers.github->webhookSecret;
    if (key == u"gitlab.token" && answers.gitlab) return &answers.gitlab->token;
    if (key == u"gitlab.webhookSecret" && answers.gitlab) return &answers.gitlab->webhookSecret;
    if (key == u"bitbucket.token" && answers.bitbucket) return &answers.bitbucket->token;
    if (key == u"bitbucket.webhookSecret" && answers.bitbucket) return &answers.bitbucket->webhookSecret;
    if (key == u"azureDevOps.token" && answers.azureDevOps) return &answers.azureDevOps->token;
    if (key == u"azureDevOps.webhookBasicAuthPass" && answers.azureDevOps) return &answers.azureDevOps->webhookBasicAuthPass;
    return nullptr;
}

} // namespace

WizardSession::WizardSession(QString settingsFile, SecretStore &secrets) : m_settingsFile(std::move(settingsFile)), m_secrets(secrets) { }

QStringList WizardSession::secretKeys()
{
    return { QStringLiteral("github.clientSecret"), QStringLiteral("github.webhookSecret"), QStringLiteral("gitlab.token"),
             QStringLiteral("gitlab.webhookSecret"), QStringLiteral("bitbucket.token"), QStringLiteral("bitbucket.webhookSecret"),
             QStringLiteral("azureDevOps.token"), QStringLiteral("azureDevOps.webhookBasicAuthPass") };
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
    if (const auto &g = answers.github) {
        settings.setValue(QStringLiteral("github/enabled"), true);
        settings.setValue(QStringLiteral("github/organization"), g->organization);
        settings.setValue(QStringLiteral("github/apiUrl"), g->apiUrl);
        settings.setValue(QStringLiteral("github/appName"), g->appName);
        settings.setValue(QStringLiteral("github/appId"), g->appId);
        settings.setValue(QStringLiteral("github/clientId"), g->clientId);
        settings.setValue(QStringLiteral("github/privateKeyFile"), g->privateKeyFile);
    }
    if (const auto &g = answers.gitlab) {
        settings.setValue(QStringLiteral("gitlab/enabled"), true);
        settings.setValue(QStringLiteral("gitlab/url"), g->url);
    }
    if (const auto &b = answers.bitbucket) {
        settings.setValue(QStringLiteral("bitbucket/enabled"), true);
        settings.setValue(QStringLiteral("bitbucket/url"), b->url);
    }
    if (const auto &a = answers.azureDevOps) {
        settings.setValue(QStringLiteral("azureDevOps/enabled"), true);
        settings.setValue(QStringLiteral("azureDevOps/organizationUrl"), a->organizationUrl);
        settings.setValue(QStringLiteral("azureDevOps/webhookBasicAuthUser"), a->webhookBasicAuthUser);
    }
    Answers copy = answers;
    for (const QString &key : secretKeys()) {
        const QString *value = secretField(copy, key);
        m_secrets.write(key, value ? *value : QString());
    }
    // A key that came from GitHub (the manifest flow) has no file: it lives in the keychain.
    const bool keyWithoutFile = answers.github && answers.github->privateKeyFile.isEmpty();
    m_secrets.write(QStringLiteral("github.privateKeyPem"), keyWithoutFile ? QString::fromUtf8(answers.github->privateKeyPem) : QString());
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
    if (settings.value(QStringLiteral("github/enabled")).toBool()) {
        GitHubAnswers &g = answers.github.emplace();
        g.organization = settings.value(QStringLiteral("github/organization")).toString();
        g.apiUrl = settings.value(QStringLiteral("github/apiUrl"), g.apiUrl).toString();
        g.appName = settings.value(QStringLiteral("github/appName")).toString();
        g.appId = settings.value(QStringLiteral("github/appId")).toString();
        g.clientId = settings.value(QStringLiteral("github/clientId")).toString();
        g.privateKeyFile = settings.value(QStringLiteral("github/privateKeyFile")).toString();
    }
    if (settings.value(QStringLiteral("gitlab/enabled")).toBool())
        answers.gitlab.emplace().url = settings.value(QStringLiteral("gitlab/url")).toString();
    if (settings.value(QStringLiteral("bitbucket/enabled")).toBool())
        answers.bitbucket.emplace().url = settings.value(QStringLiteral("bitbucket/url")).toString();
    if (settings.value(QStringLiteral("azureDevOps/enabled")).toBool()) {
        AzureDevOpsAnswers &a = answers.azureDevOps.emplace();
        a.organizationUrl = settings.value(QStringLiteral("azureDevOps/organizationUrl")).toString();
        a.webhookBasicAuthUser = settings.value(QStringLiteral("azureDevOps/webhookBasicAuthUser"), a.webhookBasicAuthUser).toString();
    }
    return answers;
}

void WizardSession::addSecrets(Answers answers, std::function<void(const Answers &)> done)
{
    m_secrets.read(secretKeys() << QStringLiteral("github.privateKeyPem"), [answers, done](const QHash<QString, QString> &values) mutable {
        for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
            if (QString *field = secretField(answers, it.key()))
                *field = it.value();
        }
        if (answers.github && answers.github->privateKeyFile.isEmpty())
            answers.github->privateKeyPem = values.value(QStringLiteral("github.privateKeyPem")).toUtf8();
        done(answers);
    });
}

void WizardSession::clear()
{
    QSettings settings(m_settingsFile, QSettings::IniFormat);
    settings.clear();
    for (const QString &key : secretKeys() << QStringLiteral("github.privateKeyPem"))
        m_secrets.write(key, QString());
}

} // namespace forgelink
