#pragma once

#include "providers/gitprovider.h"
#include "settings/answers.h"

#include <QList>
#include <QStringList>

namespace forgelink {

// The one place providers are registered (providerregistry.cpp, a line each); everything else
// asks the registry instead of switching on the provider. A provider outside forgelink (a test's)
// is added before anything asks.
class ProviderRegistry {
public:
    static const GitProvider &get(Provider provider);
    // Registers one more provider, after the built-in ones; it must outlive every use, and its
    // id, section and kind be its own.
    static void add(const GitProvider *provider);
    // By its id (github, azure-devops), or nullptr.
    static const GitProvider *find(const QString &id);
    // By its section in answers and agent.yaml (github, azureDevOps), or nullptr.
    static const GitProvider *findBySection(const QString &section);
    // Every provider's id, in the registry's order.
    static QStringList ids();
    // Every provider's section, in the registry's order.
    static QStringList sections();
    // Enables the provider in the answers with its fields' defaults (Answers::enable).
    static ProviderAnswers &enable(Answers &answers, Provider provider);
    // In the order the wizard and the values file present them.
    static const QList<const GitProvider *> &all();
};

} // namespace forgelink
