#pragma once

#include "settings/answers.h"

#include <QCoreApplication>
#include <QString>

namespace forgelink {

// `forgelink-wizard --batch ANSWERS --out DIR`: the wizard's generation without a display.
// Exit codes: 0 written, 2 invalid answers (every field named, nothing written), 1 a provider
// check failed (nothing written) or anything else.
class BatchRun {
    Q_DECLARE_TR_FUNCTIONS(forgelink::BatchRun)

public:
    struct Options {
        QString answersFile;
        QString outputDirectory;
        QString valuesLayoutFile; // empty: the built-in layout
        bool check = false;       // verify every credential against its provider first
        bool createGitHubApp = false; // the App Manifest flow without a browser here
        bool force = false;           // replace files already in the output folder
    };

    static int run(const Options &options);
    // `--print-github-manifest`: the manifest JSON, for review or for scripting GitHub.
    static int printManifest(const QString &domain, const QString &organization, const QString &appName);

private:
    // Creates the App through a form page the admin opens anywhere, then reads the redirected
    // address from standard input. Fills the answers' GitHub section.
    static int createGitHubApp(Answers &answers, const QString &outputDirectory);
};

} // namespace forgelink
