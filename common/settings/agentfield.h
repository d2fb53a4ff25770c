#pragma once

#include "settings/providersettings.h"

#include <QString>

#include <functional>
#include <optional>

namespace forgelink {

// One setting of a provider's section in agent.yaml, declared once in the provider's folder
// (GitProvider::agentFields()): AgentConfigReader reads, checks and resolves it from that, into
// the provider's ProviderSettings. `enabled` is every section's own and is not declared.
struct AgentField {
    enum class Kind {
        Text,
        Url,        // a base URL, checked (https, or http on loopback) and without its trailing slash
        Number,     // a decimal from `minimum` to `maximum`
        Boolean,    // true or false
        Secret,     // a secret or a reference (env:, file:, keychain:), resolved
        SecretList, // a secret or a list of them: the first is current, the rest still accepted
    };

    QString key;
    Kind kind = Kind::Text;
    bool required = false;   // a SecretList always is
    QVariant defaultValue;   // when the section does not give it
    double minimum = 0;
    double maximum = 0;
    // What the field says of a given value (a Secret's: of the resolved secret); a Url is checked
    // as a service URL without one.
    std::function<std::optional<QString>(const QString &value)> check;
    // The value when the section gives none, from the others (Azure DevOps' API version for its URL).
    std::function<QVariant(const ProviderSettings &settings)> fallback;
};

using AgentFields = QList<AgentField>;

} // namespace forgelink
