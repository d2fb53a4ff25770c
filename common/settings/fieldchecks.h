#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace forgelink {

// The checks of single answers that providers declare for their fields (ProviderField::check)
// and the wizard's pages use as they are typed. Each returns the problem in words, or nothing when
// the value is fine. Their messages are the answers validator's (AnswersValidator adds the checks
// of answers as a whole), so they keep its translation context.
class FieldChecks {
    Q_DECLARE_TR_FUNCTIONS(forgelink::AnswersValidator)

public:
    static std::optional<QString> checkHostName(const QString &host);
    // https, or http to a loopback address; no query, fragment or user info.
    static std::optional<QString> checkServiceUrl(const QString &url);
    static std::optional<QString> checkAzureOrganizationUrl(const QString &url);
    // MAJOR.MINOR, e.g. 7.1 (Services), 7.0 (Server 2022), 6.0 (2020), 5.0 (2019).
    static std::optional<QString> checkAzureApiVersion(const QString &version);
    static std::optional<QString> checkGitHubAppId(const QString &appId);
    static std::optional<QString> checkGitHubClientId(const QString &clientId);
    static std::optional<QString> checkGitHubOrganization(const QString &organization);
    static std::optional<QString> checkGitHubAppName(const QString &name);
    static std::optional<QString> checkRequiredSecret(const QString &value);
    // Empty means "generate one"; otherwise long enough and printable.
    static std::optional<QString> checkOptionalSecret(const QString &value);
    static std::optional<QString> checkBasicAuthUser(const QString &user);
    static std::optional<QString> checkPrivateKeyFile(const QString &path);
    static std::optional<QString> checkCaBundle(const QString &path);
    static std::optional<QString> checkProxyUrl(const QString &url);
    // Empty (no forwarding), or http(s)://HOST[:PORT] without a path: the agent adds Pipekit's
    // webhook paths. Plain http is fine for a Service inside the cluster.
    static std::optional<QString> checkEventsHandlerUrl(const QString &url);

    static bool isLoopbackHost(const QString &host);
    // "replace-with-...": a value the example answers leave for the admin; it never goes out.
    static bool isPlaceholder(const QString &value);
    static QString placeholderProblem();
};

} // namespace forgelink
