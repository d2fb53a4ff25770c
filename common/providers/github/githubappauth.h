#pragma once

#include "core/result.h"
#include "crypto/privatekey.h"
#include "providers/apiclient.h"
#include "providers/github/githubsettings.h"
#include "settings/agentconfig.h"

#include <QDateTime>
#include <QString>

namespace forgelink {

// Authenticates as a GitHub App: a JWT signed RS256 with the App's key (iat 60 s in the past for
// clock drift, exp 9 minutes ahead, iss the App ID), and installation tokens, which are kept
// until shortly before they expire.
class GitHubAppAuth {
public:
    GitHubAppAuth(QString appId, PrivateKey key);
    // From agent.yaml's github section; an error when it has no usable private key.
    static Result<GitHubAppAuth> fromSettings(const GitHubSettings &settings);

    Result<QByteArray> jwt(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // "token ghs_..." for the installation, from the cache or a new one.
    Result<QByteArray> installationToken(ApiClient &client, qint64 installationId);

    static ApiClient::Headers apiHeaders();
    // apiHeaders() plus a fresh JWT: what requests as the App itself (/app, installations) carry.
    Result<ApiClient::Headers> appHeaders() const;

private:
    struct CachedToken {
        QByteArray token;
        QDateTime expiresAt;
    };

    QString m_appId;
    PrivateKey m_key;
    QHash<qint64, CachedToken> m_tokens;
};

} // namespace forgelink
