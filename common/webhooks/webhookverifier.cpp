#include "webhooks/webhookverifier.h"

#include "crypto/crypto.h"

#include <QRegularExpression>

namespace forgelink {

namespace {

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

WebhookVerifier::Verdict WebhookVerifier::signatureHeader(const QByteArray &headerName, const WebhookRequest &request)
{
    const int count = request.headerCount(headerName);
    if (count == 0)
        return rejected(QStringLiteral("missing %1 header").arg(QString::fromLatin1(headerName)));
    if (count > 1)
        return rejected(QStringLiteral("%1 appears %2 times; send one").arg(QString::fromLatin1(headerName)).arg(count));
    const QByteArray header = request.header(headerName).trimmed();
    static const QRegularExpression shape(QStringLiteral("^sha256=[0-9a-fA-F]{64}$"));
    if (!shape.match(QString::fromLatin1(header)).hasMatch())
        return rejected(QStringLiteral("%1 is not sha256=<64 hex digits>").arg(QString::fromLatin1(headerName)));
    return { Judgement::NeedsBody, {} };
}

WebhookVerifier::Verdict WebhookVerifier::hmac(const QByteArray &headerName, const WebhookRequest &request,
                                               const WebhookCredentials &credentials)
{
    if (const Verdict shape = signatureHeader(headerName, request); shape.judgement != Judgement::NeedsBody)
        return shape;
    const QByteArray presented = QByteArray::fromHex(request.header(headerName).trimmed().mid(7));
    QList<QByteArray> expected;
    for (const QByteArray &secret : credentials.secrets)
        expected << Crypto::hmacSha256(secret, request.body);
    if (!matchesAny(expected, presented))
        return rejected(QStringLiteral("%1 does not match the body signed with any configured secret")
                                .arg(QString::fromLatin1(headerName)));
    return verified();
}

WebhookVerifier::Verdict WebhookVerifier::token(const QByteArray &headerName, const WebhookRequest &request,
                                                const WebhookCredentials &credentials)
{
    const QString name = QString::fromLatin1(headerName);
    const int count = request.headerCount(headerName);
    if (count == 0)
        return rejected(QStringLiteral("missing %1 header").arg(name));
    if (count > 1)
        return rejected(QStringLiteral("%1 appears %2 times; send one").arg(name).arg(count));
    if (!matchesAny(credentials.secrets, request.header(headerName)))
        return rejected(QStringLiteral("%1 does not match any configured secret").arg(name));
    return verified();
}

WebhookVerifier::Verdict WebhookVerifier::basicAuth(const WebhookRequest &request, const WebhookCredentials &credentials)
{
    const int count = request.headerCount("Authorization");
    if (count > 1)
        return rejected(QStringLiteral("Authorization appears %1 times; send one").arg(count));
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.isEmpty())
        return rejected(QStringLiteral("missing Basic authorization"));
    // The scheme is case-insensitive (RFC 9110 section 11.1).
    if (authorization.size() < 6 || authorization.left(6).toLower() != "basic ")
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
