#include "batchrun.h"
#include "setupwizard.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QTextStream>

#include <memory>

using namespace forgelink;

namespace {

// --help, --version and --batch must work without a display, so the GUI application object is
// created only when the wizard window will be shown.
bool needsDisplay(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--batch" || argument == "--print-github-manifest" || argument == "--help" || argument == "-h" || argument == "--version"
            || argument == "-v" || argument == "--help-all")
            return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    std::unique_ptr<QCoreApplication> app;
    if (needsDisplay(argc, argv))
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("forgelink-wizard"));
    QCoreApplication::setOrganizationName(QStringLiteral("forgelink"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FORGELINK_VERSION));

    // The system locale picks the language; English is built in.
    auto *translator = new QTranslator(app.get());
    if (translator->load(QLocale(), QStringLiteral("forgelink"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);
    auto *qtTranslator = new QTranslator(app.get());
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Connects a self-hosted Pipekit to GitHub, GitLab, Bitbucket Data Center and Azure DevOps.\n"
            "Without options it opens the setup wizard; with --batch it generates the same files "
            "from an answers file."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption batch(QStringLiteral("batch"),
                                   QStringLiteral("Generate without a display from the answers in <file>."),
                                   QStringLiteral("file"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("Folder to write values.yaml and agent.yaml to."),
                                 QStringLiteral("dir"));
    const QCommandLineOption layout(QStringLiteral("values-layout"),
                                    QStringLiteral("Chart value keys to use instead of the built-in layout."),
                                    QStringLiteral("file"));
    const QCommandLineOption check(QStringLiteral("check"),
                                   QStringLiteral("With --batch: verify every credential against its provider first."));
    const QCommandLineOption create(QStringLiteral("create-github-app"),
                                    QStringLiteral("With --batch: create the GitHub App with GitHub's App Manifest flow, "
                                                   "through a page you open in any browser."));
    const QCommandLineOption printManifest(QStringLiteral("print-github-manifest"),
                                           QStringLiteral("Print the GitHub App manifest for --domain (and --organization)."));
    const QCommandLineOption domain(QStringLiteral("domain"), QStringLiteral("Pipekit's host name."), QStringLiteral("host"));
    const QCommandLineOption organization(QStringLiteral("organization"), QStringLiteral("The GitHub organization."),
                                          QStringLiteral("name"));
    parser.addOptions({ batch, out, layout, check, create, printManifest, domain, organization });
    parser.process(*app);

    if (parser.isSet(printManifest))
        return BatchRun::printManifest(parser.value(domain), parser.value(organization), QString());
    if (parser.isSet(batch)) {
        if (!parser.isSet(out)) {
            QTextStream(stderr) << "forgelink-wizard: --batch needs --out DIR\n";
            return 2;
        }
        return BatchRun::run({ parser.value(batch), parser.value(out), parser.value(layout), parser.isSet(check), parser.isSet(create) });
    }
    if (parser.isSet(out)) {
        QTextStream(stderr) << "forgelink-wizard: --out goes with --batch\n";
        return 2;
    }

    SetupWizard wizard;
    wizard.show();
    return app->exec();
}
