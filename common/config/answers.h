#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace forgelink {

// What the administrator answered, one section per enabled provider. Empty secrets mean
// "generate one". Plain data: AnswersReader fills it, AnswersValidator judges it.

struct GitHubAnswers {
    QString organization;
    QString appName;
    QString appId;
    QString clientId;
    QString clientSecret;
    QString privateKeyFile;   // absolute, or relative to the answers file's folder
    QByteArray privateKeyPem; // used instead of the file when set (the manifest flow gives a PEM)
    QString webhookSecret;
    QString apiUrl = QStringLiteral("https://api.github.com");
};

struct GitLabAnswers {
    QString url = QStringLiteral("https://gitlab.com");
    QString token;
    QString webhookSecret;
};

struct BitbucketAnswers {
    QString url;
    QString token;
    QString webhookSecret;
};

struct AzureDevOpsAnswers {
    QString organizationUrl;
    QString token;
    QString webhookBasicAuthUser = QStringLiteral("pipekit");
    QString webhookBasicAuthPass;
    QString apiVersion; // the REST API version every call names; empty: the default for the URL
};

struct Answers {
    QString domain;
    std::optional<GitHubAnswers> github;
    std::optional<GitLabAnswers> gitlab;
    std::optional<BitbucketAnswers> bitbucket;
    std::optional<AzureDevOpsAnswers> azureDevOps;
    QString caBundleFile;  // extra CA certificates (PEM) for on-prem providers
    QString proxyUrl;      // http://proxy:3128
    // Pipekit's events handler as the agent reaches it (in a cluster, its Service URL): the
    // agent forwards every delivery there. Empty: no forward target is written.
    QString eventsHandlerUrl;
    QString baseDirectory; // where relative file names are resolved

    bool anyProviderEnabled() const { return github || gitlab || bitbucket || azureDevOps; }
};

} // namespace forgelink
