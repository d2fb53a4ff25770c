#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace forgelink {

// A Git provider as the registry knows it. The four built into forgelink are named; a provider
// registered beside them (ProviderRegistry::add(), as a test does) takes a value of its own past
// them. Code outside providers/ never switches on it: it asks the registry.
enum class Provider { GitHub, GitLab, Bitbucket, AzureDevOps };

// The registered providers in the order the wizard and the values file present them.
QList<Provider> allProviders();

// The id used in webhook paths, `attach P REPO`, the store and JSON output:
// github, gitlab, bitbucket, azure-devops.
QString providerId(Provider provider);
std::optional<Provider> providerFromId(const QString &id);

// A human name: "GitHub", "Bitbucket Data Center", ...
QString providerDisplayName(Provider provider);

} // namespace forgelink
