#pragma once

#include "core/webhookrequest.h"

#include <QList>
#include <QString>

namespace forgelink {

// The credentials a provider's deliveries must carry. Several secrets are accepted while one is
// rotated: the first is current, the others are the ones being retired.
struct WebhookCredentials {
    QList<QByteArray> secrets;  // GitHub, GitLab, Bitbucket: webhook secrets; Azure DevOps: passwords
    QByteArray basicAuthUser;   // Azure DevOps only
};

// How a delivery proves that it comes from the provider. Each provider (GitProvider::checkHeaders,
// verifyBody) picks its scheme from the ones here: an HMAC-SHA256
// signature header over the raw body (GitHub, Bitbucket), a shared token header (GitLab), Basic
// auth (Azure DevOps). Every comparison is constant-time, and the reason for a rejection never
// contains a secret or what the caller sent in its place.
class WebhookVerifier {
public:
    // NeedsBody: the headers are in order, the signature is over the body (checkHeaders only).
    enum class Judgement { Verified, UnsignedPing, Rejected, NeedsBody };
    struct Verdict {
        Judgement judgement = Judgement::Rejected;
        QString reason;
    };

    // The schemes. A header that appears twice is refused: which one counts would be a guess.
    // One `sha256=<64 hex digits>` header: NeedsBody, or why not.
    static Verdict signatureHeader(const QByteArray &headerName, const WebhookRequest &request);
    // The body's HMAC-SHA256 with any of the secrets equals that header's.
    static Verdict hmac(const QByteArray &headerName, const WebhookRequest &request, const WebhookCredentials &credentials);
    static Verdict token(const QByteArray &headerName, const WebhookRequest &request, const WebhookCredentials &credentials);
    static Verdict basicAuth(const WebhookRequest &request, const WebhookCredentials &credentials);

    static Verdict verified() { return { Judgement::Verified, {} }; }
    static Verdict rejected(const QString &reason) { return { Judgement::Rejected, reason }; }
};

} // namespace forgelink
