#pragma once

#include "providers/provider.h"
#include "webhooks/webhookrequest.h"

#include <QList>
#include <QString>

namespace forgelink {

// The credentials a provider's deliveries must carry. Several secrets are accepted while one is
// rotated: the first is current, the others are the ones being retired.
struct WebhookCredentials {
    QList<QByteArray> secrets;  // GitHub, GitLab, Bitbucket: webhook secrets; Azure DevOps: passwords
    QByteArray basicAuthUser;   // Azure DevOps only
};

// Checks that a delivery comes from the provider, before anything else looks at it:
// GitHub X-Hub-Signature-256, GitLab X-Gitlab-Token, Bitbucket X-Hub-Signature, Azure DevOps
// Basic auth. Every comparison is constant-time, and the reason for a rejection never contains
// a secret or what the caller sent in its place.
class WebhookVerifier {
public:
    // NeedsBody: the headers are in order, the signature is over the body (checkHeaders only).
    enum class Outcome { Verified, UnsignedPing, Rejected, NeedsBody };
    struct Verdict {
        Outcome outcome = Outcome::Rejected;
        QString reason;
    };

    static Verdict verify(Provider provider, const WebhookRequest &request, const WebhookCredentials &credentials);
    // What the headers alone decide, before the body is read: GitLab's token and Azure DevOps'
    // Basic auth are verified here; a missing, duplicated or malformed signature is rejected.
    static Verdict checkHeaders(Provider provider, const WebhookRequest &request, const WebhookCredentials &credentials);

private:
    static Verdict checkSignatureHeader(const QByteArray &headerName, const WebhookRequest &request);
    static Verdict verifyHmac(const QByteArray &headerName, const WebhookRequest &request,
                              const WebhookCredentials &credentials);
    static Verdict verifyToken(const WebhookRequest &request, const WebhookCredentials &credentials);
    static Verdict verifyBasicAuth(const WebhookRequest &request, const WebhookCredentials &credentials);
};

} // namespace forgelink
