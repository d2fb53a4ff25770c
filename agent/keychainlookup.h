#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace forgelink {

// Reads `keychain:SERVICE/KEY` references from the OS keychain through QtKeychain (the Secret
// Service on Linux). A key without a slash is read from the service "forgelink".
class KeychainLookup {
public:
    static Result<QByteArray> read(const QString &reference);
};

} // namespace forgelink
