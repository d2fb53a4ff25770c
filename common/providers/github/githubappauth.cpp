#include "providers/github/githubappauth.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace forgelink {

namespace {
// A token this close to its expiry is replaced, so a long listing never runs on a dying token.
constexpr qint64 kRenewBeforeSeconds = 5 * 60;

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}
} // namespace

GitHubAppAuth::GitHubAppAuth(QString appId, PrivateKey key) : m_appId(std::move(appId)), m_key(std::move(key)) { }

Result<GitHubAppAuth> GitHubAppAuth::fromSettings(const GitHubSettings &settings)
{
    if (settings.privateKeyPem.isEmpty())
        return fail(QStringLiteral("providers.github.privateKey is not set"));
    Result<PrivateKey> key = PrivateKey::fromPem(settings.privateKeyPem, QStringLiteral("providers.github.privateKey"));
    if (!key)
        return fail(key.error());
    return GitHubAppAuth(settings.appId, key.value());
}

Result<ApiClient::Headers> GitHubAppAuth::appHeaders() const
{
    Result<QByteArray> token = jwt();
    if (!token)
        return fail(token.error());
    ApiClient::Headers headers = apiHeaders();
    headers.append({ "Authorization", "Bearer " + token.value() });
    return headers;
}

ApiClient::Headers GitHubAppAuth::apiHeaders()
{
    return { { "Accept", "application/vnd.github+json" }, { "X-GitHub-Api-Version", "2022-11-28" } };
}

Result<QByteArray> GitHubAppAuth::jwt(const QDateTime &now) const
{
    const qint64 seconds = now.toSecsSinceEpoch();
    const QByteArray header = base64Url(R"({"alg":"RS256","typ":"JWT"})");
    const QByteArray payload = base64Url(QJsonDocument(QJsonObject{ { QStringLiteral("iat"), double(seconds - 60) },
                                                                     { QStringLiteral("exp"), double(seconds + 9 * 60) },
                                                                     { QStringLiteral("iss"), m_appId } })
                                                 .toJson(QJsonDocument::Compact));
    const QByteArray signingInput = header + '.' + payload;
    Result<QByteArray> signature = m_key.signSha256(signingInput);
    if (!signature)
        return fail(signature.error());
    return signingInput + '.' + base64Url(signature.value());
}

Result<QByteArray> GitHubAppAuth::installationToken(ApiClient &client, qint64 installationId)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto cached = m_tokens.constFind(installationId);
    if (cached != m_tokens.constEnd() && now.secsTo(cached->expiresAt) > kRenewBeforeSeconds)
        return "token " + cached->token;

    Result<ApiClient::Headers> headers = appHeaders();
    if (!headers)
        return fail(headers.error());
    Result<ApiClient::Response> response =
            client.request("POST", QStringLiteral("/app/installations/%1/access_tokens").arg(installationId), headers.value());
    if (!response)
        return fail(response.error());
    if (response->status != 201 && response->status != 200)
        return fail(QStringLiteral("GitHub refused an installation token for installation %1: %2")
                            .arg(installationId)
                            .arg(ApiClient::describe(*response)));
    const QJsonObject body = QJsonDocument::fromJson(response->body).object();
    const QByteArray value = body.value(QStringLiteral("token")).toString().toUtf8();
    if (value.isEmpty())
        return fail(QStringLiteral("GitHub's installation token answer has no token"));
    QDateTime expires = QDateTime::fromString(body.value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
    if (!expires.isValid())
        expires = now.addSecs(3600);
    m_tokens.insert(installationId, CachedToken{ value, expires });
    return "token " + value;
}

} // namespace forgelink
