#include "batchrun.h"
#include "setupwizard.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QTextStream>

#include <algorithm>
#include <memory>

using namespace forgelink;

namespace {

// Options Qt's GUI application takes for itself (-platform offscreen, -style ...).
bool isQtGuiOption(const QString &name)
{
    static const QStringList names{ QStringLiteral("platform"), QStringLiteral("platformpluginpath"), QStringLiteral("platformtheme"),
                                    QStringLiteral("plugin"), QStringLiteral("qwindowgeometry"), QStringLiteral("qwindowicon"),
                                    QStringLiteral("qwindowtitle"), QStringLiteral("reverse"), QStringLiteral("session"),
                                    QStringLiteral("style"), QStringLiteral("stylesheet"), QStringLiteral("widgetcount"),
                                    QStringLiteral("display"), QStringLiteral("geometry") };
    return names.contains(name);
}

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
            || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    // --help speaks the system's language like the wizard, and is printed before any application
    // object exists: the translation is loaded here, not installed.
    QTranslator helpTranslator;
    (void)helpTranslator.load(QLocale(), QStringLiteral("forgelink"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    const auto inLanguage = [&helpTranslator](const char *source) {
        const QString translated = helpTranslator.translate("forgelink::WizardCommandLine", source);
        return translated.isEmpty() ? QString::fromUtf8(source) : translated;
    };
    QCommandLineParser parser;
    parser.setApplicationDescription(inLanguage(QT_TRANSLATE_NOOP("forgelink::WizardCommandLine",
            "Connects a self-hosted Pipekit to GitHub, GitLab, Bitbucket Data Center and Azure DevOps.\n"
            "Without options it opens the setup wizard; with --batch it generates the same files "
            "from an answers file.")));
    // Qt's own --help and --version describe themselves in its language only once an application
    // exists; these are the same options, described in the user's.
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") },
                                  inLanguage(QT_TRANSLATE_NOOP("forgelink::WizardCommandLine", "Show this help.")));
    const QCommandLineOption version({ QStringLiteral("v"), QStringLiteral("version") },
                                     inLanguage(QT_TRANSLATE_NOOP("forgelink::WizardCommandLine", "Show the version.")));
    parser.addOptions({ help, version });
    const QCommandLineOption batch(QStringLiteral("batch"),
                                   inLanguage(QT_TRANSLATE_NOOP("forgelink::WizardCommandLine", "Generate without a display from the answers in <file>.")),
                                   QStringLiteral("file"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 inLanguage(QT_TRANSLATE_NOOP("forgelink::WizardCommandLine", "Folder to write values.yaml, agent.yaml and kubernetes/ to.")),
                                 QStringLiteral("dir"));
    const QCommandLineOption force(QStringLiteral("force"),
                                   inLanguage(QT_TRANSLATE_NOOP("forgelink::WizardCommandLine", "With --out: replace files that are already there.")));
    const QCommandLineOption layout(QStringLiteral("values-layout"),
                                    inLanguage(QT_TRANSLATE_NOOP("forgelink::WizardCommandLine", "Chart value keys to use instead of the built-in layout.")),
                                    QStringLiteral("file"));
    const QCommandLineOption check(QStringLiteral("check"),
                                   inLanguage(QT_TRANSLATE_NOOP("forgelink::WizardCommandLine",
                                                        "With --batch: verify every credential against its provider first.")));
    const QCommandLineOption create(QStringLiteral("create-github-app"),
                                    inLanguage(QT_TRANSLATE_NOOP("forgelink::WizardCommandLine",
                                                         "With --batch: create the GitHub App with GitHub's App Manifest flow, "
                                                         "through a page you open in any browser.")));
    const QCommandLineOption printManifest(QStringLiteral("print-github-manifest"),
                                           inLanguage(QT_TRANSLATE_NOOP("forgelink::WizardCommandLine",
                                                                "Print the GitHub App manifest for --domain (and --organization).")));
    const QCommandLineOption domain(QStringLiteral("domain"), inLanguage(QT_TRANSLATE_NOOP("forgelink::WizardCommandLine", "Pipekit's host name.")),
                                    QStringLiteral("host"));
    const QCommandLineOption organization(QStringLiteral("organization"),
                                          inLanguage(QT_TRANSLATE_NOOP("forgelink::WizardCommandLine", "The GitHub organization.")),
                                          QStringLiteral("name"));
    parser.addOptions({ batch, out, force, layout, check, create, printManifest, domain, organization });

    // The command line is read before any application object exists: --help, --version, --batch
    // and mistakes must work without a display; only the wizard window needs one.
    const bool parsed = parser.parse(arguments);
    bool gui = false;
    if (parsed) {
        gui = parser.optionNames().isEmpty() && parser.positionalArguments().isEmpty();
    } else {
        gui = !parser.unknownOptionNames().isEmpty()
                && std::all_of(parser.unknownOptionNames().cbegin(), parser.unknownOptionNames().cend(), isQtGuiOption);
        if (!gui) {
            QTextStream(stderr) << "forgelink-wizard: " << parser.errorText() << "\nSee forgelink-wizard --help.\n";
            return 2;
        }
    }
    if (parsed && !parser.positionalArguments().isEmpty() && !parser.isSet(help) && !parser.isSet(version)) {
        QTextStream(stderr) << "forgelink-wizard: unexpected argument \"" << parser.positionalArguments().first()
                            << "\"\nSee forgelink-wizard --help.\n";
        return 2;
    }
    if (gui && !hasDisplay()) {
        QTextStream(stderr) << "forgelink-wizard: no display to open the wizard on (DISPLAY and WAYLAND_DISPLAY are not set).\n"
                               "Generate the files without one: forgelink-wizard --batch answers.yaml --out DIR (see --help).\n";
        return 2;
    }

    std::unique_ptr<QCoreApplication> app;
    if (gui)
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

    // Again with the application: what QApplication took for itself (-platform) is gone; the
    // help's headings come from Qt's translation, installed now.
    parser.process(*app);
    if (parser.isSet(help)) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.isSet(version)) {
        QTextStream(stdout) << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }

    if (parser.isSet(printManifest))
        return BatchRun::printManifest(parser.value(domain), parser.value(organization), QString());
    if (parser.isSet(batch)) {
        if (!parser.isSet(out)) {
            QTextStream(stderr) << "forgelink-wizard: --batch needs --out DIR\n";
            return 2;
        }
        return BatchRun::run({ parser.value(batch), parser.value(out), parser.value(layout), parser.isSet(check), parser.isSet(create),
                               parser.isSet(force) });
    }
    if (!gui) {
        const QStringList options = parser.optionNames();
        QTextStream(stderr) << "forgelink-wizard: --" << options.join(QStringLiteral(", --")) << (options.size() == 1 ? " goes" : " go")
                            << " with --batch or --print-github-manifest\nSee forgelink-wizard --help.\n";
        return 2;
    }

    SetupWizard wizard;
    wizard.show();
    return app->exec();
}
