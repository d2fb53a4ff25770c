#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace forgelink {

// A Git provider, as every folder names it. The four built into forgelink are named here with
// their ids and display names, so that naming one needs nothing above this folder; a provider
// registered beside them (ProviderRegistry::add(), as a test does) takes a value of its own past
// them, and its names are added here when it is registered. What a provider does is asked of
// providers/ProviderRegistry; code outside providers/ never switches on it.
enum class Provider { GitHub, GitLab, Bitbucket, AzureDevOps };

// Every known provider, the built-in ones first, in the order the wizard and the values file
// present them.
QList<Provider> allProviders();

// The id used in webhook paths, `attach P REPO`, the store and JSON output:
// github, gitlab, bitbucket, azure-devops.
QString providerId(Provider provider);
// nullopt for an id no provider of this forgelink has (a newer agent's, on a shared database).
std::optional<Provider> providerFromId(const QString &id);

// A human name: "GitHub", "Bitbucket Data Center", ...
QString providerDisplayName(Provider provider);

// Pipekit's path for the provider's webhooks, which the agent serves and forwards to:
// /api/events-handler/v1/events/<id>.
QString providerWebhookPath(Provider provider);
QString providerWebhookPathPrefix();

// Makes one more provider known by its names; its value, id and name must be its own.
void addProviderNames(Provider provider, const QString &id, const QString &displayName);

} // namespace forgelink
