#pragma once

#include <QString>

namespace forgelink {

// `forgelink-wizard --batch ANSWERS --out DIR`: the wizard's generation without a display.
// Exit codes: 0 written, 2 invalid answers (every field named, nothing written), 1 a provider
// check failed (nothing written) or anything else.
class BatchRun {
public:
    struct Options {
        QString answersFile;
        QString outputDirectory;
        QString valuesLayoutFile; // empty: the built-in layout
        bool check = false;       // verify every credential against its provider first
    };

    static int run(const Options &options);
};

} // namespace forgelink
