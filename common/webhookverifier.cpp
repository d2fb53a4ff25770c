#include "webhookverifier.h"

#include "crypto.h"

#include <QRegularExpression>

namespace forgelink {

namespace {

WebhookVerifier::Verdict verified()
{
    return { WebhookVerifier::Outcome::Verified, {} };
}

WebhookVerifier::Verdict rejected(const QString &reason)
{
    return { WebhookVerifier::Outcome::Rejected, reason };
}

// Checks every secret, without stopping at the first match, so the time taken does not tell
// which secret matched.
bool matchesAny(const QList<QByteArray> &candidates, const QByteArray &presented)
{
    bool match = false;
    for (const QByteArray &candidate : candidates)
        match |= Crypto::constantTimeEquals(candidate, presented);
    return match;
}

} // namespace

WebhookVerifier::Verdict WebhookVerifier::verify(Provider provider, const WebhookRequest &request,
                                                 const WebhookCredentials &credentials)
{
    if (credentials.secrets.isEmpty())
        return rejected(QStringLiteral("no webhook secret is configured"));
    switch (provider) {
    case Provider::GitHub:
        return verifyHmac("X-Hub-Signature-256", request, credentials);
    case Provider::GitLab:
        return verifyToken(request, credentials);
    case Provider::Bitbucket:
        // "Test connection" in Bitbucket's settings sends a ping without a signature.
        if (!request.hasHeader("X-Hub-Signature") && request.header("X-Event-Key") == "diagnostics:ping")
            return { Outcome::UnsignedPing, {} };
        return verifyHmac("X-Hub-Signature", request, credentials);
    case Provider::AzureDevOps:
        return verifyBasicAuth(request, credentials);
    }
    return rejected(QStringLiteral("unknown provider"));
}

WebhookVerifier::Verdict WebhookVerifier::verifyHmac(const QByteArray &headerName, const WebhookRequest &request,
                                                     const WebhookCredentials &credentials)
{
    if (!request.hasHeader(headerName))
        return rejected(QStringLiteral("missing %1 header").arg(QString::fromLatin1(headerName)));
    const QByteArray header = request.header(headerName).trimmed();
    static const QRegularExpression shape(QStringLiteral("^sha256=[0-9a-fA-F]{64}$"));
    if (!shape.match(QString::fromLatin1(header)).hasMatch())
        return rejected(QStringLiteral("%1 is not sha256=<64 hex digits>").arg(QString::fromLatin1(headerName)));
    const QByteArray presented = QByteArray::fromHex(header.mid(7));
    QList<QByteArray> expected;
    for (const QByteArray &secret : credentials.secrets)
        expected << Crypto::hmacSha256(secret, request.body);
    if (!matchesAny(expected, presented))
        return rejected(QStringLiteral("%1 does not match the body signed with any configured secret")
                                .arg(QString::fromLatin1(headerName)));
    return verified();
}

WebhookVerifier::Verdict WebhookVerifier::verifyToken(const WebhookRequest &request, const WebhookCredentials &credentials)
{
    if (!request.hasHeader("X-Gitlab-Token"))
        return rejected(QStringLiteral("missing X-Gitlab-Token header"));
    if (!matchesAny(credentials.secrets, request.header("X-Gitlab-Token")))
        return rejected(QStringLiteral("X-Gitlab-Token does not match any configured secret"));
    return verified();
}

WebhookVerifier::Verdict WebhookVerifier::verifyBasicAuth(const WebhookRequest &request,
                                                          const WebhookCredentials &credentials)
{
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.isEmpty())
        return rejected(QStringLiteral("missing Basic authorization"));
    if (!authorization.startsWith("Basic ") && !authorization.startsWith("basic "))
        return rejected(QStringLiteral("authorization is not Basic"));
    const auto decoded = QByteArray::fromBase64Encoding(authorization.mid(6).trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
    if (colon < 0)
        return rejected(QStringLiteral("Basic authorization is malformed"));
    const QByteArray user = decoded.decoded.left(colon);
    const QByteArray password = decoded.decoded.mid(colon + 1);
    const bool userMatches = Crypto::constantTimeEquals(credentials.basicAuthUser, user);
    const bool passwordMatches = matchesAny(credentials.secrets, password);
    if (!(userMatches && passwordMatches))
        return rejected(QStringLiteral("Basic authorization user or password does not match"));
    return verified();
}

} // namespace forgelink
