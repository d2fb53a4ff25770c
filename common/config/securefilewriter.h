#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace forgelink {

// Writes files that hold secrets: created 0600 from the start (never readable by others, not even
// for a moment), flushed to disk, and renamed into place only once every file of the set is
// written, so a failure leaves the old files as they were.
class SecureFileWriter {
public:
    struct File {
        QString path;
        QByteArray contents;
    };

    static Result<void> writeAll(const QList<File> &files);
};

} // namespace forgelink
