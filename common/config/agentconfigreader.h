#pragma once

#include "config/secretresolver.h"
#include "core/fielderror.h"
#include "settings/agentconfig.h"

namespace forgelink {

// Reads and checks agent.yaml. Every problem is reported with its field (`providers.gitlab.token:
// environment variable GITLAB_TOKEN is not set`); an unresolvable secret is an error, never an
// empty secret.
class AgentConfigReader {
public:
    struct Reading {
        AgentConfig config;
        FieldErrors errors;
    };

    static Reading readFile(const QString &path, const SecretResolver::KeychainLookup &keychain = {});
    static Reading readText(const QByteArray &text, const QString &baseDirectory,
                            const SecretResolver::KeychainLookup &keychain = {});
};

} // namespace forgelink
