#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace forgelink::test {

// The verification libraries consumers use themselves (npm's standardwebhooks and
// @octokit/webhooks-methods, installed into tests/consumers by scripts/test.sh), run by Node.js
// on what the agent forwarded: a check made by the consumer's code, not by ours.
class ConsumerLibraries {
public:
    // Why the libraries cannot run here, or nothing when they can.
    static std::optional<QString> missing();

    struct Verdict {
        bool ok = false;
        QString reason;
    };
    // One verdict per check: {"kind": "standard", "secret", "headers": {...}, "body"} or
    // {"kind": "github", "secret", "signature", "body"}.
    static QList<Verdict> verify(const QList<QJsonObject> &checks);
};

} // namespace forgelink::test
