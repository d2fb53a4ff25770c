#pragma once

#include "config/valueslayout.h"
#include "core/result.h"
#include "settings/answers.h"

namespace forgelink {

// Reads an existing values file back into answers through the same key layout, so the wizard can
// open what it (or an admin) wrote before and edit it.
class ValuesReader {
public:
    static Result<Answers> readFile(const QString &path, const ValuesLayout &layout);
    static Result<Answers> readText(const QByteArray &text, const ValuesLayout &layout, const QString &what);
};

} // namespace forgelink
