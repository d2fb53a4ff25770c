#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace forgelink {

enum class Provider { GitHub, GitLab, Bitbucket, AzureDevOps };

// The four providers in the order the wizard and the values file present them.
QList<Provider> allProviders();

// The id used in webhook paths, `attach P REPO`, the store and JSON output:
// github, gitlab, bitbucket, azure-devops.
QString providerId(Provider provider);
std::optional<Provider> providerFromId(const QString &id);

// The section name in answers, agent.yaml and the values layout: github, gitlab, bitbucket,
// azureDevOps.
QString providerSection(Provider provider);

// A human name: "GitHub", "Bitbucket Data Center", ...
QString providerDisplayName(Provider provider);

} // namespace forgelink
