#pragma once

#include <QString>
#include <QStringList>

namespace forgelink::test {

// Runs a program to completion while this process's event loop keeps running, so loopback fakes
// that the test serves can answer it.
class ServedProcess {
public:
    struct Run {
        int exitCode = -1; // -1: it crashed or did not finish in time
        QString out;
        QString err;
    };

    static Run run(const QString &program, const QStringList &arguments, int timeoutMs = 60'000);
};

} // namespace forgelink::test
