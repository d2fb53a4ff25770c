#pragma once

#include "core/provider.h"
#include "settings/provideranswers.h"

#include <QMap>
#include <QString>

#include <optional>

namespace forgelink {

// What the administrator answered: Pipekit's domain, one section per enabled provider (its
// fields are the provider's own, GitProvider::answerFields()), the network and the deployment.
// Empty generated secrets mean "generate one". Plain data: AnswersReader fills it,
// AnswersValidator judges it.

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
    QMap<Provider, ProviderAnswers> providers; // the enabled ones
    QString caBundleFile;  // extra CA certificates (PEM) for on-prem providers
    QString proxyUrl;      // http://proxy:3128
    // Pipekit's events handler as the agent reaches it (in a cluster, its Service URL): the
    // agent forwards every delivery there. Empty: no forward target is written.
    QString eventsHandlerUrl;
    // Absent: only the agent's config and Secret are written, to be combined by hand.
    std::optional<DeployAnswers> deploy;
    QString baseDirectory; // where relative file names are resolved

    bool anyProviderEnabled() const { return !providers.isEmpty(); }
    bool isEnabled(Provider provider) const { return providers.contains(provider); }
    // The provider's answers; nullptr when it is not enabled.
    const ProviderAnswers *provider(Provider provider) const;
    ProviderAnswers *provider(Provider provider);
    // Enables the provider with these answers (ProviderRegistry::enable gives its fields'
    // defaults); its answers as they are when it already was.
    ProviderAnswers &enable(Provider provider, const ProviderAnswers &defaults);
    void disable(Provider provider) { providers.remove(provider); }
};

} // namespace forgelink
