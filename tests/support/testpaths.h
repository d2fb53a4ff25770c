#pragma once

#include <QByteArray>
#include <QString>

namespace forgelink::test {

// Where the tests find the built programs and the shared fixtures.
class TestPaths {
public:
    static QString sourceDir();
    static QString wizardBinary();
    static QString agentBinary();
    // tests/fixtures/webhooks (copies of published payloads, SOURCES.md); fails the test run clearly when missing.
    static QString webhookFixturesDir();
    static QByteArray readFile(const QString &path);
    static bool writeFile(const QString &path, const QByteArray &contents);
};

} // namespace forgelink::test
