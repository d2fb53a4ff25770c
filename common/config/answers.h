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

// Where and how the agent runs (`deploy:`): what the wizard writes beside values.yaml.
struct DeployAnswers {
    QString target = QStringLiteral("kubernetes"); // kubernetes | vm | container
    QString ns = QStringLiteral("pipekit");         // the namespace Pipekit runs in
    QString image;                                  // kubernetes, container: REGISTRY/NAME:TAG, never :latest
    QString ingressClassName;                       // the class Pipekit's Ingress uses; empty: the cluster's default
    QString tlsSecretName;                          // the certificate Pipekit's Ingress uses for the domain
    QString store = QStringLiteral("sqlite");       // sqlite: one replica and a volume; postgresql: replicas on databaseUrl
    QString databaseUrl;                            // store postgresql: postgresql://USER@HOST:PORT/DATABASE
    QString databasePassword;                       // store postgresql: a secret
    QString replicas = QStringLiteral("2");         // store postgresql: 2 or more

    bool isKubernetes() const { return target == u"kubernetes"; }
    bool isVm() const { return target == u"vm"; }
    bool isContainer() const { return target == u"container"; }
    // An Ingress (kubernetes) or a reverse proxy (vm) takes Pipekit's webhook paths.
    bool takesWebhookPaths() const { return isKubernetes() || isVm(); }
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
    // Absent: only the agent's config and Secret are written, to be combined by hand.
    std::optional<DeployAnswers> deploy;
    QString baseDirectory; // where relative file names are resolved

    bool anyProviderEnabled() const { return github || gitlab || bitbucket || azureDevOps; }
};

} // namespace forgelink
