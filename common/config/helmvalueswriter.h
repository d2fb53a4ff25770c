#pragma once

#include "config/valueslayout.h"
#include "settings/answers.h"

#include <QByteArray>

namespace forgelink {

// Renders the values file for Pipekit's chart: every field the layout names, for the enabled
// providers, and `enabled: false` for the others. Expects answers whose secrets are filled in
// and whose private key is loaded (SetupGenerator does both).
class HelmValuesWriter {
public:
    static QByteArray render(const Answers &answers, const ValuesLayout &layout);
};

} // namespace forgelink
